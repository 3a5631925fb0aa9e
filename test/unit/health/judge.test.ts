import { describe, expect, it } from "vitest";
import { formatValue, judge, relativeIncrease } from "../../../src/health/judge.js";

const check = { name: "c", query: "q" };

describe("judge", () => {
  it("is red above max and below min, green between, on the boundary green", () => {
    expect(judge({ ...check, max: 0.01 }, 0.02, undefined).verdict).toBe("red");
    expect(judge({ ...check, max: 0.01 }, 0.01, undefined).verdict).toBe("green");
    expect(judge({ ...check, min: 0.9 }, 0.8, undefined)).toEqual({
      verdict: "red",
      detail: "0.8 (min 0.9)",
    });
    expect(judge({ ...check, min: 0.9, max: 1 }, 0.95, undefined).detail).toBe(
      "0.95 (max 1, min 0.9)",
    );
  });

  it("compares with the window before the change for max_increase", () => {
    const c = { ...check, maxIncrease: 0.5 };
    expect(judge(c, 0.16, { value: 0.1 })).toEqual({
      verdict: "red",
      detail: "0.16, +60 % over 0.1 before the change (max +50 %)",
    });
    expect(judge(c, 0.15, { value: 0.1 }).verdict).toBe("green");
    expect(judge(c, 0.05, { value: 0.1 }).detail).toBe(
      "0.05, -50 % over 0.1 before the change (max +50 %)",
    );
    // Without a change there is nothing to compare with: not red.
    expect(judge(c, 0.5, undefined)).toEqual({
      verdict: "green",
      detail: "0.5 (max +50 %: no production change to compare with yet)",
    });
    // A baseline that could not be read makes the check unknown, unless it is red anyway.
    expect(judge(c, 0.5, { error: "timeout" }).verdict).toBe("unknown");
    expect(judge({ ...c, max: 0.1 }, 0.5, { error: "timeout" }).verdict).toBe("red");
  });

  it("treats NaN and infinities as no usable value", () => {
    expect(judge({ ...check, max: 1 }, Number.NaN, undefined)).toEqual({
      verdict: "unknown",
      detail: "NaN: no usable value (a ratio over no traffic gives NaN)",
    });
    expect(judge({ ...check, max: 1 }, Number.POSITIVE_INFINITY, undefined).verdict).toBe(
      "unknown",
    );
  });

  it("counts any rise from zero as infinite", () => {
    expect(relativeIncrease(0, 0)).toBe(0);
    expect(relativeIncrease(0.01, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(judge({ ...check, maxIncrease: 0.5 }, 0.01, { value: 0 }).detail).toBe(
      "0.01, +∞ % over 0 before the change (max +50 %)",
    );
  });

  it("formats values with four significant digits", () => {
    expect(formatValue(0.0123456)).toBe("0.01235");
    expect(formatValue(1234567)).toBe("1235000");
    expect(formatValue(0.00001234)).toBe("1.234e-5");
    expect(formatValue(Number.NaN)).toBe("NaN");
  });
});
