import { describe, expect, it } from "vitest";
import { createClock } from "../../../src/sandbox/clock.js";
import { Faults, faultRuleFromJson } from "../../../src/sandbox/faults.js";

const request = (rawPath: string, method = "GET", instance = "dev") => ({
  instance,
  method,
  rawPath,
});

describe("fault plans", () => {
  it("every rule counts its matches; a terminal rule stops later ones from applying", () => {
    const faults = new Faults(createClock({ start: "2026-11-26T10:00:00Z" }));
    faults.add({ path: "/features", kind: "status", status: 500, times: 1 });
    faults.add({ path: "/features", kind: "status", status: 503, after: 1, times: 1 });
    faults.add({ path: "/features", kind: "delay", ms: 5 });
    const labels = [1, 2, 3].map(() => faults.plan(request("/features")).labels);
    expect(labels).toEqual([["status 500"], ["status 503"], ["delay 5ms"]]);
  });

  it("matches instance, method (any case) and pattern", () => {
    const faults = new Faults(createClock());
    faults.add({ instance: "production", method: "post", path: "/features/:name", kind: "drop" });
    expect(faults.plan(request("/features/x", "POST", "dev")).terminal).toBeUndefined();
    expect(faults.plan(request("/features/x", "GET", "production")).terminal).toBeUndefined();
    expect(faults.plan(request("/features/x", "POST", "production")).terminal).toEqual({
      kind: "drop",
    });
  });

  it("parses JSON rules, with a regex path", () => {
    const rule = faultRuleFromJson({
      path: { regex: "^/features", flags: "i" },
      kind: "status",
      status: 429,
      retryAfter: 3,
    });
    expect(rule).toMatchObject({ kind: "status", status: 429, retryAfter: 3 });
    expect(rule.path).toEqual(/^\/features/i);
    expect(() => faultRuleFromJson({ path: "/x", kind: "delay" })).toThrow(
      /a delay rule needs `ms`/,
    );
  });
});
