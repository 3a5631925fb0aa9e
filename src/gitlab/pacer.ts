// Keeps requests to one instance under its rate limit instead of running into it. GitLab tells
// every client where it stands (RateLimit-Remaining, RateLimit-Reset on each answer: the
// requests left in the current window and when the window ends, in epoch seconds on its own
// clock). When the remaining budget, less the requests already in flight, reaches zero, new
// requests wait for the window to end; a 429 (Retry-After) holds back every request to that
// instance, not just the one that got it. So a rate limit slows a run down rather than turning
// into a storm of 429s and retries.

import type { ServerClock } from "./server-clock.js";

export class Pacer {
  private remaining: number | undefined;
  /** End of the rate-limit window, in epoch ms on the server's clock. */
  private resetAt: number | undefined;
  /** Local time before which no request may start (after a 429 or an empty budget). */
  private blockedUntil = 0;
  private inFlight = 0;
  waits = 0;

  constructor(
    private readonly clock: ServerClock,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly random: () => number = Math.random,
  ) {}

  /** Waits until a request may be sent, and counts it as in flight. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.blockedUntil) {
        this.waits++;
        await this.sleep(this.blockedUntil - now);
        continue;
      }
      if (
        this.remaining !== undefined &&
        this.resetAt !== undefined &&
        this.remaining - this.inFlight <= 0
      ) {
        const serverNow = this.clock.now()?.getTime() ?? now;
        const wait = this.resetAt - serverNow;
        if (wait > 0) {
          // A little jitter so that clients waiting for the same window do not all start at once.
          this.blockedUntil = now + wait + Math.round(this.random() * 250);
          continue;
        }
        this.remaining = undefined; // a new window: its budget is unknown until the next answer
      }
      this.inFlight++;
      return;
    }
  }

  /** Records an answer (or a failure, with no headers) of a request that acquire() let through. */
  release(headers: Pick<Headers, "get" | "has"> | undefined, status: number | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!headers) return;
    const remaining = Number(headers.get("ratelimit-remaining"));
    const reset = Number(headers.get("ratelimit-reset"));
    if (headers.has("ratelimit-remaining") && Number.isFinite(remaining))
      this.remaining = remaining;
    if (headers.has("ratelimit-reset") && Number.isFinite(reset)) this.resetAt = reset * 1000;
    if (status === 429) {
      const after = Number(headers.get("retry-after"));
      const ms = Number.isFinite(after) && after > 0 ? after * 1000 : 1000;
      this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
    }
  }
}
