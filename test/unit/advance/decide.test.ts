// The scheduled advance's decision, without I/O: whether a step is due (auto_advance, the phases a
// person runs, a rollback since the last step, the stop, the soak) and whether it may be taken
// (every check green over the whole window, no open incident).

import { describe, expect, it } from "vitest";
import { advanceDue, judgeWindow } from "../../../src/advance/decide.js";
import type { CheckResult, HealthReport } from "../../../src/health/evaluate.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { event, flag, OFF, ON, state, testConfig } from "../../helpers/rollout-state.js";

const HEALTH = {
  prometheus: { url: "https://prometheus.example.com" },
  checks: [{ name: "5xx ratio", query: "sum(rate(errors[5m]))", max: 0.01 }],
};
const NOW = "2026-11-26T12:00:00.000Z";
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();

const actors = flag({ actors: ["Project:1"] });
const at = (pct: number) => flag({ actors: ["Project:1"], percentageOfActors: pct });

/** non-production, production-actors and prepare, done by a person long ago. */
function started(): AuditEvent[] {
  return [
    event("non-production", minutesAgo(300), [{ env: "dev", before: OFF, after: ON }]),
    event("production-actors", minutesAgo(200), [
      { env: "production", before: OFF, after: actors },
    ]),
    event("prepare", minutesAgo(190), []),
  ];
}

function due(
  config: Record<string, unknown>,
  events: AuditEvent[],
  production = actors,
  now = NOW,
) {
  const c = testConfig({ health: HEALTH, ...config });
  const s = state(c, { production }, events, now);
  return advanceDue({ config: c, history: s.history, production: [production], now: s.now });
}

describe("advance: is a step due", () => {
  it("does nothing with auto_advance off, the default", () => {
    const d = due({}, started());
    expect(d).toMatchObject({ kind: "off" });
    expect(d.kind === "off" && d.message).toMatch(/^auto_advance is off/);
  });

  it("waits until a person has run non-production, production-actors and prepare", () => {
    const d = due({ auto_advance: "global" }, started().slice(0, 2));
    expect(d.kind).toBe("wait");
    if (d.kind !== "wait") return;
    expect(d.reasons).toEqual([
      {
        kind: "not-now",
        reason: expect.stringMatching(/^the prepare phase has not run yet: a person runs/),
      },
    ]);
  });

  it("does not count a failed run of a phase a person must do", () => {
    const events = started();
    events[2] = { ...events[2]!, outcome: "failed" };
    expect(due({ auto_advance: "global" }, events).kind).toBe("wait");
  });

  it("steps to the first percentage once the soak after production-actors is over", () => {
    const d = due({ auto_advance: "global" }, started());
    expect(d).toMatchObject({ kind: "due", step: { phase: "rollout", percentage: 1 }, current: 0 });
    if (d.kind !== "due") return;
    // The window is the whole soak, from the last production change up to now.
    expect(d.window.from.toISOString()).toBe(minutesAgo(200));
    expect(d.window.to.toISOString()).toBe(NOW);
  });

  it("waits while the soak after the last production step runs", () => {
    const events = [
      ...started(),
      event("rollout", minutesAgo(5), [{ env: "production", before: actors, after: at(1) }]),
    ];
    const d = due({ auto_advance: "global" }, events, at(1));
    expect(d.kind).toBe("wait");
    if (d.kind !== "wait") return;
    expect(d.reasons[0]!.kind).toBe("not-now");
    expect(d.reasons[0]!.reason).toMatch(/^soak: only 5 min since the last production change/);
  });

  it("goes to the next configured percentage above the live one", () => {
    const events = [
      ...started(),
      event("rollout", minutesAgo(20), [{ env: "production", before: at(1), after: at(25) }]),
    ];
    expect(due({ auto_advance: "global" }, events, at(25))).toMatchObject({
      kind: "due",
      step: { phase: "rollout", percentage: 50 },
      current: 25,
    });
  });

  it("goes on to global after the last percentage when auto_advance is global", () => {
    const events = [
      ...started(),
      event("rollout", minutesAgo(20), [{ env: "production", before: at(50), after: at(75) }]),
    ];
    expect(due({ auto_advance: "global" }, events, at(75))).toMatchObject({
      kind: "due",
      step: { phase: "global" },
    });
  });

  it("stops at the percentage auto_advance names: a person takes the next step", () => {
    const upTo = (pct: number, limit: number) =>
      due(
        { auto_advance: limit },
        [
          ...started(),
          event("rollout", minutesAgo(20), [{ env: "production", before: at(1), after: at(pct) }]),
        ],
        at(pct),
      );
    expect(upTo(10, 25)).toMatchObject({ kind: "due", step: { percentage: 25 } });
    const stopped = upTo(25, 25);
    expect(stopped.kind).toBe("stop");
    expect(stopped.kind === "stop" && stopped.message).toBe(
      "production is at 25% of actors, and auto_advance stops at 25%: a person takes the next step (rollout --percentage 50)",
    );
    // At the last percentage, a numeric stop never goes on to global.
    expect(upTo(75, 75)).toMatchObject({ kind: "stop" });
  });

  it("has nothing left once the flag is on for everyone", () => {
    const events = [
      ...started(),
      event("global", minutesAgo(60), [{ env: "production", before: at(75), after: ON }]),
    ];
    expect(due({ auto_advance: "global" }, events, ON)).toMatchObject({ kind: "stop" });
  });

  it("never advances after a rollback recorded since the last production step", () => {
    const events = [
      ...started(),
      event("rollout", minutesAgo(60), [{ env: "production", before: actors, after: at(1) }]),
      event("rollback", minutesAgo(40), [{ env: "production", before: at(1), after: OFF }]),
    ];
    const d = due({ auto_advance: "global" }, events, OFF);
    expect(d.kind).toBe("wait");
    if (d.kind !== "wait") return;
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]!.kind).toBe("never");
    expect(d.reasons[0]!.reason).toMatch(
      /^production was rolled back at .*: advance never moves a flag on after a rollback/,
    );
    // Even a rollback that found the flag off already, long after the soak.
    const unchanged = [...events.slice(0, -1), { ...events.at(-1)!, outcome: "unchanged" }];
    expect(due({ auto_advance: "global" }, unchanged as AuditEvent[], OFF).kind).toBe("wait");
  });

  it("takes over again once a person has stepped forward after the rollback", () => {
    const events = [
      ...started(),
      event("rollback", minutesAgo(100), [{ env: "production", before: actors, after: OFF }]),
      event("production-actors", minutesAgo(60), [
        { env: "production", before: OFF, after: actors },
      ]),
    ];
    expect(due({ auto_advance: "global" }, events)).toMatchObject({
      kind: "due",
      step: { phase: "rollout", percentage: 1 },
    });
  });

  it("counts percentage of time for a flag checked without an actor", () => {
    const time = flag({ percentageOfTime: 10 });
    const events = [
      ...started(),
      event("rollout", minutesAgo(20), [{ env: "production", before: OFF, after: time }]),
    ];
    expect(due({ auto_advance: "global", actor: "none", actors: [] }, events, time)).toMatchObject({
      kind: "due",
      step: { percentage: 25 },
      current: 10,
    });
  });
});

describe("advance: may the due step be taken", () => {
  const c = testConfig({ health: HEALTH, auto_advance: "global" });
  const s = state(c, { production: actors }, started(), NOW);
  const d = advanceDue({ config: c, history: s.history, production: [actors], now: s.now });
  if (d.kind !== "due") throw new Error("the set-up must be due");
  const window = (...results: Partial<CheckResult>[]): HealthReport => ({
    at: NOW,
    from: minutesAgo(200),
    results: results.map((r) => ({
      name: "5xx ratio",
      query: "q",
      verdict: "green",
      detail: "worst 0.004 (max 0.01) over 120 points",
      ...r,
    })),
  });
  const settings = { project: "gitlab-org/production", labels: ["incident"], severities: ["s1"] };

  it("goes when every check was green at every point and no incident is open", () => {
    const v = judgeWindow(d, window({}), { report: { open: [] }, settings });
    expect(v.kind).toBe("go");
    expect(v.kind === "go" && v.reason).toMatch(
      /^by schedule \(auto_advance\): .*; every health check green from .* to 2026-11-26T12:00:00.000Z \(5xx ratio worst 0\.004 \(max 0\.01\) over 120 points\); no open incident$/,
    );
  });

  it("waits when a check was red anywhere in the window, naming the worst value and when", () => {
    const v = judgeWindow(
      d,
      window({
        verdict: "red",
        value: 0.3,
        detail: "worst 0.3 (max 0.01) over 120 points",
        firstRedAt: minutesAgo(30),
      }),
      undefined,
    );
    expect(v).toEqual({
      kind: "wait",
      reasons: [
        {
          kind: "not-now",
          reason: `health check "5xx ratio" was red in the soak window (from ${minutesAgo(200)} to ${NOW}): worst 0.3 (max 0.01) over 120 points, first red at ${minutesAgo(30)}; advance waits for a whole soak window green`,
        },
      ],
    });
  });

  it("waits when a check cannot be judged", () => {
    const v = judgeWindow(
      d,
      window({}, { name: "302 ratio", verdict: "unknown", detail: "no data in the window" }),
      undefined,
    );
    expect(v.kind === "wait" && v.reasons.map((r) => r.reason)).toEqual([
      `health check "302 ratio" cannot be judged over the soak window (from ${minutesAgo(200)} to ${NOW}): no data in the window`,
    ]);
  });

  it("waits while an incident is open, or when the incident check fails", () => {
    const open = judgeWindow(d, window({}), {
      report: { open: [{ url: "https://x/i/1", title: "Down", severity: "s1" }] },
      settings,
    });
    expect(open.kind === "wait" && open.reasons[0]!.reason).toBe(
      "an incident is open: 1 open: https://x/i/1 (s1); wait until it is resolved",
    );
    const failed = judgeWindow(d, window({}), { report: { error: "403 Forbidden" }, settings });
    expect(failed.kind === "wait" && failed.reasons[0]!.reason).toMatch(
      /^the incident check could not run: could not list incidents in gitlab-org\/production: 403/,
    );
  });

  it("waits when no check was evaluated at all", () => {
    expect(judgeWindow(d, window(), undefined).kind).toBe("wait");
  });
});
