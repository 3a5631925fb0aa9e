import { describe, expect, it } from "vitest";
import { createClock } from "../../../src/sandbox/clock.js";

describe("sandbox clock", () => {
  it("a seeded clock is frozen; set and advance move it", () => {
    const clock = createClock({ start: "2026-11-26T10:00:00Z" });
    expect(clock.running).toBe(false);
    expect(clock.now().toISOString()).toBe("2026-11-26T10:00:00.000Z");
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe("2026-11-26T10:01:00.000Z");
    clock.set("2027-01-01T00:00:00Z");
    expect(clock.now().toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("stamps strictly increase, and start after the seeded time", () => {
    const clock = createClock({ start: "2026-11-26T10:00:00Z" });
    const a = clock.stamp();
    const b = clock.stamp();
    expect(a.toISOString()).toBe("2026-11-26T10:00:00.001Z");
    expect(b.getTime()).toBe(a.getTime() + 1);
  });

  it("without a start it runs with real time", () => {
    const clock = createClock();
    expect(clock.running).toBe(true);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
