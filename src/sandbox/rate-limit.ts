// GitLab's authenticated API rate limit (Rack::Attack "throttle_authenticated_api",
// lib/gitlab/rack_attack.rb): per user, counted in fixed windows aligned on the epoch
// (Rack::Attack's key is now / period). A request is refused once the window's count,
// itself included, is above the limit. The headers are
// lib/gitlab/rack_attack/request_throttle_data.rb's: RateLimit-Name, -Limit (normalised to
// requests per 60 seconds, rounded up), -Observed, -Remaining and -Reset on every counted
// answer; a 429 adds Retry-After and RateLimit-ResetTime, with the text "Retry later\n".
// Time is the sandbox clock's, so a test can advance past a window.

import { tokenActive } from "./auth.js";
import type { SandboxResponse } from "./http.js";
import type { InstanceState } from "./state.js";

export const THROTTLE_NAME = "throttle_authenticated_api";

export interface RateDecision {
  /** RateLimit-* headers for the answer. */
  headers: Record<string, string>;
  /** Set when the request is over the limit: answer this instead. */
  throttled?: SandboxResponse;
}

/** Counts one request by a user; undefined when the instance has no rate limit. */
export function countRequest(
  state: InstanceState,
  userId: number,
  now: Date,
): RateDecision | undefined {
  const config = state.rateLimit;
  if (!config) return undefined;
  const period = config.periodSeconds;
  const limit = config.requestsPerPeriod;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const window = Math.floor(nowSeconds / period);
  const key = `${window}:user:${userId}`;
  // Counters of past windows expire, as Rack::Attack's cache entries do.
  for (const old of state.rateCounts.keys()) {
    if (Number(old.split(":")[0]) < window) state.rateCounts.delete(old);
  }
  const observed = (state.rateCounts.get(key) ?? 0) + 1;
  state.rateCounts.set(key, observed);
  const retryAfter = period - (nowSeconds % period);
  const reset = nowSeconds + retryAfter;
  const headers: Record<string, string> = {
    "RateLimit-Name": THROTTLE_NAME,
    "RateLimit-Limit": String(Math.ceil((limit * 60) / period)),
    "RateLimit-Observed": String(observed),
    "RateLimit-Remaining": String(Math.max(0, limit - observed)),
    "RateLimit-Reset": String(reset),
  };
  if (observed <= limit) return { headers };
  return {
    headers,
    throttled: {
      status: 429,
      text: "Retry later\n",
      headers: {
        ...headers,
        "Retry-After": String(retryAfter),
        "RateLimit-ResetTime": new Date(reset * 1000).toUTCString(),
      },
    },
  };
}

/** Rack::Attack's throttled_identifer: the token's user, when the token is one that works. */
export function throttle(
  state: InstanceState,
  token: string | undefined,
  now: Date,
): RateDecision | undefined {
  if (!state.rateLimit || token === undefined) return undefined;
  const record = state.tokenByValue(token);
  const user = record && tokenActive(record, now) ? state.userById(record.userId) : undefined;
  if (user?.state !== "active") return undefined;
  return countRequest(state, user.id, now);
}
