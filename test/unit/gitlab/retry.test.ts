import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, decideRetry, retryAfterMs } from "../../../src/gitlab/retry.js";

const fixedRandom = () => 0.5;
const now = () => Date.parse("2026-11-26T10:00:00Z");

describe("decideRetry", () => {
  it.each([400, 401, 403, 404, 409, 422, 500])("never retries %i", (status) => {
    expect(decideRetry({ status }, 1, 0, "safe", DEFAULT_RETRY, fixedRandom, now).retry).toBe(
      false,
    );
  });

  it("waits at least Retry-After on 429", () => {
    const decision = decideRetry(
      { status: 429, retryAfter: "7" },
      1,
      0,
      "safe",
      DEFAULT_RETRY,
      fixedRandom,
      now,
    );
    expect(decision).toEqual({ retry: true, delayMs: 7000 + 125 });
  });

  it("reads Retry-After given as an HTTP date", () => {
    expect(retryAfterMs("Thu, 26 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("garbage", now)).toBeUndefined();
  });

  it("backs off exponentially with jitter on 502/503/504 and resets", () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const d = decideRetry({ status: 503 }, attempt, 0, "safe", DEFAULT_RETRY, fixedRandom, now);
      return d.retry ? d.delayMs : -1;
    });
    expect(delays).toEqual([375, 750, 1500, 3000]);
    const low = decideRetry({ failure: "reset" }, 1, 0, "safe", DEFAULT_RETRY, () => 0, now);
    const high = decideRetry({ failure: "reset" }, 1, 0, "safe", DEFAULT_RETRY, () => 0.999, now);
    expect(low).toEqual({ retry: true, delayMs: 250 });
    expect(high.retry && high.delayMs).toBeGreaterThan(490);
  });

  it("stops at the attempt limit and within the time budget", () => {
    expect(decideRetry({ status: 503 }, DEFAULT_RETRY.maxAttempts, 0, "safe").retry).toBe(false);
    const late = decideRetry(
      { status: 429, retryAfter: "60" },
      1,
      60_000,
      "safe",
      DEFAULT_RETRY,
      fixedRandom,
      now,
    );
    expect(late.retry).toBe(false);
    expect(late.retry === false && late.why).toContain("retry budget");
  });

  it("repeats a value set on any 5xx, a read only on 502/503/504", () => {
    for (const status of [500, 501, 502, 503, 504, 599]) {
      expect(decideRetry({ status }, 1, 0, "set", DEFAULT_RETRY, fixedRandom, now).retry).toBe(
        true,
      );
    }
    expect(decideRetry({ status: 500 }, 1, 0, "safe").retry).toBe(false);
    expect(decideRetry({ status: 500 }, 1, 0, "create").retry).toBe(false);
    // Answers stay answers, even for a set.
    for (const status of [400, 401, 403, 404, 422]) {
      expect(decideRetry({ status }, 1, 0, "set").retry).toBe(false);
    }
    expect(decideRetry({ failure: "reset" }, 1, 0, "set").retry).toBe(true);
    expect(decideRetry({ failure: "timeout" }, 1, 0, "set").retry).toBe(true);
    expect(decideRetry({ status: 500 }, DEFAULT_RETRY.maxAttempts, 0, "set").retry).toBe(false);
  });

  it("does not repeat a non-idempotent request that may have been applied", () => {
    expect(decideRetry({ status: 502 }, 1, 0, "create").retry).toBe(false);
    expect(decideRetry({ failure: "timeout" }, 1, 0, "create").retry).toBe(false);
    // ...but does when GitLab surely did not take it.
    expect(decideRetry({ status: 429 }, 1, 0, "create").retry).toBe(true);
    expect(decideRetry({ failure: "refused" }, 1, 0, "create").retry).toBe(true);
  });
});
