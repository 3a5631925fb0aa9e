// countRequest: fixed windows on the epoch, the count including the request, the headers.

import { describe, expect, it } from "vitest";
import { createClock } from "../../../src/sandbox/clock.js";
import { countRequest } from "../../../src/sandbox/rate-limit.js";
import { InstanceState } from "../../../src/sandbox/state.js";

function state(limit: number, period: number) {
  const s = new InstanceState("dev", createClock({ start: "2026-11-26T10:00:30Z" }));
  s.rateLimit = { requestsPerPeriod: limit, periodSeconds: period };
  return s;
}

describe("countRequest", () => {
  it("is off without a limit", () => {
    const s = new InstanceState("dev", createClock({ start: "2026-11-26T10:00:00Z" }));
    expect(countRequest(s, 1, s.clock.now())).toBeUndefined();
  });

  it("throttles the request past the limit until the window ends", () => {
    const s = state(2, 60);
    const now = s.clock.now();
    expect(countRequest(s, 1, now)?.throttled).toBeUndefined();
    expect(countRequest(s, 1, now)?.headers["RateLimit-Remaining"]).toBe("0");
    const third = countRequest(s, 1, now);
    expect(third?.throttled?.status).toBe(429);
    expect(third?.throttled?.headers?.["Retry-After"]).toBe("30");
    expect(countRequest(s, 2, now)?.throttled).toBeUndefined();
    expect(countRequest(s, 1, new Date(now.getTime() + 30_000))?.throttled).toBeUndefined();
  });

  it("normalises the limit to 60 seconds, rounding up", () => {
    const s = state(100, 3600);
    expect(countRequest(s, 1, s.clock.now())?.headers["RateLimit-Limit"]).toBe("2");
  });
});
