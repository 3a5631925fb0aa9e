// When to try a request again, and how long to wait. Pure, so the rules are tested on their own.
//
// gitbeaker's own loop retries only 429 and 502, ten times within about 0.3 s and ignores
// Retry-After, which turns a rate limit into a storm. Ours: 429 waits what GitLab asks
// (Retry-After, seconds or an HTTP date), 502/503/504, resets and timeouts back off
// exponentially with jitter, and everything stays within a count and a total time.
// 4xx other than 429 are answers, not accidents: never retried. A request that sets a value
// (the Features API's POST: the same value twice is the same state) is retried on any 5xx too:
// GitLab answers 500 for a passing database hiccup, and a rollback must get through it.

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** No retry may start after this much time since the first attempt. */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  maxTotalMs: 90_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
};

/** What happened on one attempt: a status, or a transport failure. */
export type AttemptOutcome =
  | { status: number; retryAfter?: string | null }
  | { failure: "timeout" | "reset" | "refused" | "network" };

/**
 * What repeating a request can do. "create": may do something twice (a note, an MR), so it is
 * repeated only when GitLab surely did not take it. "safe": a read or an edit to a known state.
 * "set": sets a value, so any answer but success is worth another try.
 */
export type Repeatability = "create" | "safe" | "set";

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why: string };

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/**
 * @param attempt the attempt that just failed, 1-based
 * @param elapsedMs time since the first attempt started
 * @param repeat what repeating the request can do (see Repeatability). A POST that creates (a
 *   note) is retried only when it surely did not reach GitLab: refused connections and 429.
 */
export function decideRetry(
  outcome: AttemptOutcome,
  attempt: number,
  elapsedMs: number,
  repeat: Repeatability,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
  now: () => number = Date.now,
): RetryDecision {
  const idempotent = repeat !== "create";
  if ("status" in outcome) {
    const serverError = outcome.status >= 500 && outcome.status <= 599;
    if (!RETRYABLE_STATUS.has(outcome.status) && !(repeat === "set" && serverError))
      return { retry: false, why: "not retryable" };
    if (outcome.status !== 429 && !idempotent) {
      return { retry: false, why: "the request may have been applied; not repeated" };
    }
  } else if (outcome.failure !== "refused" && !idempotent) {
    return { retry: false, why: "the request may have been applied; not repeated" };
  }
  if (attempt >= policy.maxAttempts) {
    return { retry: false, why: `gave up after ${attempt} attempts` };
  }
  const backoff = backoffMs(attempt, policy, random);
  const asked = "status" in outcome ? retryAfterMs(outcome.retryAfter, now) : undefined;
  // GitLab's Retry-After is a minimum: wait that, plus a little jitter so that parallel
  // clients told the same time do not come back in the same millisecond.
  const delayMs = asked === undefined ? backoff : asked + Math.round(random() * 250);
  if (elapsedMs + delayMs > policy.maxTotalMs) {
    return {
      retry: false,
      why: `the next wait (${Math.ceil(delayMs / 1000)} s) would pass the ${Math.round(policy.maxTotalMs / 1000)} s retry budget`,
    };
  }
  return { retry: true, delayMs };
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3). Unparseable: ignored. */
export function retryAfterMs(
  header: string | null | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}
