// A rollback clears production's actor gate (false clears every gate): resuming at a percentage
// refuses "not now" until production-actors has run again, and status says to play it.

import { describe, expect, it } from "vitest";
import { nextPhase } from "../../../src/commands/status-rollout.js";
import { rollbackClearedActors } from "../../../src/phases/actors-after-rollback.js";
import { global } from "../../../src/phases/global.js";
import { rollout } from "../../../src/phases/rollout.js";
import { event, flag, OFF, ON, state, testConfig } from "../../helpers/rollout-state.js";

const opts = { force: false, everywhere: false };
const config = testConfig();
const actors = flag({ actors: ["Project:1"] });
const at10 = flag({ actors: ["Project:1"], percentageOfActors: 10 });
const off = flag({ boolean: false });
const upToTen = [
  event("production-actors", "2026-11-26T10:00:00.000Z", [
    { env: "production", before: OFF, after: actors },
  ]),
  event("prepare", "2026-11-26T10:05:00.000Z", [], "unchanged"),
  event("rollout", "2026-11-26T10:20:00.000Z", [
    { env: "production", before: actors, after: at10 },
  ]),
];
const rolledBack = [
  ...upToTen,
  event("rollback", "2026-11-26T10:30:00.000Z", [{ env: "production", before: at10, after: off }]),
];
const later = "2026-11-26T11:00:00.000Z";
const reasons = (plan: { refusals: { reason: string }[] }) =>
  plan.refusals.map((r) => r.reason).join("\n");

describe("a production step after a rollback", () => {
  it("refuses a percentage as not now until production-actors runs again, saying the fix", () => {
    const plan = rollout.plan(state(config, { production: off }, rolledBack, later), {
      ...opts,
      percentage: 50,
    });
    expect(plan.refusals).toHaveLength(1);
    expect(plan.refusals[0]?.kind).toBe("not-now");
    expect(reasons(plan)).toContain(
      `production was rolled back at 2026-11-26T10:30:00.000Z, which cleared the actor gate (project ${config.actors.join(", ")}), and production-actors has not run since`,
    );
    expect(reasons(plan)).toContain(
      "rollout --percentage 50 would run without the configured actors enabled. Run production-actors again first",
    );
    // Forced, it goes on: a percentage alone, as the person chose.
    expect(plan.actions[0]?.changes).toEqual([
      { kind: "percentage", of: "actors", percentage: 50 },
    ]);
  });

  it("lets global go straight on: true enables everyone and clears the actor gate anyway", () => {
    const plan = global.plan(state(config, { production: off }, rolledBack, later), opts);
    expect(plan.refusals).toEqual([]);
    expect(plan.actions[0]?.changes).toEqual([{ kind: "enable" }]);
  });

  it("goes on once production-actors has run after the rollback", () => {
    const again = [
      ...rolledBack,
      event("production-actors", "2026-11-26T10:40:00.000Z", [
        { env: "production", before: off, after: actors },
      ]),
    ];
    const plan = rollout.plan(state(config, { production: actors }, again, later), {
      ...opts,
      percentage: 50,
    });
    expect(plan.refusals).toEqual([]);
    expect(plan.checks).toContainEqual({
      name: "actors since the rollback",
      ok: true,
      detail: "production-actors ran after the last rollback",
    });
  });

  it("ignores a rollback of other instances, and one that failed on production", () => {
    const staging = [
      ...upToTen,
      event("rollback", "2026-11-26T10:30:00.000Z", [{ env: "staging", before: ON, after: off }]),
    ];
    expect(rollbackClearedActors(config, state(config, {}, staging).history)).toBeUndefined();
    const failed = state(config, {}, rolledBack).history;
    failed.entries.at(-1)!.event.instances[0]!.status = "failed";
    expect(rollbackClearedActors(config, failed)).toBeUndefined();
  });

  it("does not apply to a flag without actors", () => {
    const none = testConfig({ actor: "none", actors: [] });
    const time10 = flag({ percentageOfTime: 10 });
    const history = [
      event("prepare", "2026-11-26T10:05:00.000Z", [], "unchanged"),
      event("rollout", "2026-11-26T10:20:00.000Z", [
        { env: "production", before: OFF, after: time10 },
      ]),
      event("rollback", "2026-11-26T10:30:00.000Z", [
        { env: "production", before: time10, after: off },
      ]),
    ];
    const plan = rollout.plan(state(none, { production: off }, history, later), {
      ...opts,
      percentage: 50,
    });
    expect(plan.refusals).toEqual([]);
  });

  it("status names production-actors as the next phase", () => {
    const flags = new Map([
      ["dev", ON],
      ["staging", ON],
      ["production", off],
    ]);
    const ran = new Set(rolledBack.map((e) => e.phase));
    expect(nextPhase(config, flags, ran, true)).toBe(
      "production-actors (the rollback cleared the actors' gate)",
    );
    expect(nextPhase(config, flags, ran, false)).toMatch(/^rollout --percentage/);
  });
});
