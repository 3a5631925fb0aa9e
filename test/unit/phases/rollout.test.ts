// The production phases' rules, as pure plans: ordering, soak on GitLab's clock, percentages
// only up, actor or time percentages, drift, and a rollback nothing can block.

import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { global } from "../../../src/phases/global.js";
import { rollback } from "../../../src/phases/rollback.js";
import { rollout } from "../../../src/phases/rollout.js";
import { event, flag, OFF, ON, state, testConfig } from "../../helpers/rollout-state.js";

const opts = { force: false, everywhere: false };
const config = testConfig();
const actors = flag({ actors: ["Project:1"] });
const prepared = [
  event("production-actors", "2026-11-26T10:00:00.000Z", [
    { env: "production", before: OFF, after: actors },
  ]),
  event("prepare", "2026-11-26T10:05:00.000Z", [], "unchanged"),
];

describe("rollout --percentage", () => {
  it("sets the next configured percentage of actors once the soak is over", () => {
    const plan = rollout.plan(
      state(config, { production: actors }, prepared, "2026-11-26T10:20:00.000Z"),
      opts,
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.actions[0]?.changes).toEqual([{ kind: "percentage", of: "actors", percentage: 1 }]);
    expect(plan.facts).toContainEqual({
      kind: "flag-percentage",
      flag: "my_flag",
      instance: "production",
      of: "actors",
      percentage: 1,
    });
  });

  it("uses percentage of time for a flag without an actor", () => {
    const none = testConfig({ actor: "none", actors: [] });
    const plan = rollout.plan(
      state(none, { production: OFF }, [prepared[1]!], "2026-11-26T10:20:00.000Z"),
      { ...opts, percentage: 10 },
    );
    expect(plan.actions[0]?.changes).toEqual([{ kind: "percentage", of: "time", percentage: 10 }]);
  });

  it("refuses before the soak is over, measured from the last production change on GitLab's clock", () => {
    const plan = rollout.plan(
      state(config, { production: actors }, prepared, "2026-11-26T10:14:00.000Z"),
      { ...opts, percentage: 10 },
    );
    expect(plan.refusals.map((r) => r.reason).join("\n")).toContain(
      "only 14 min since the last production change (production-actors at 2026-11-26T10:00:00.000Z); wait 1 more min",
    );
  });

  it("refuses to go down and says how to", () => {
    const at25 = flag({ actors: ["Project:1"], percentageOfActors: 25 });
    const plan = rollout.plan(
      state(config, { production: at25 }, [
        ...prepared,
        event("rollout", "2026-11-26T11:00:00.000Z", [
          { env: "production", before: actors, after: at25 },
        ]),
      ]),
      { ...opts, percentage: 10 },
    );
    expect(plan.refusals.map((r) => r.reason)).toContain(
      "production is already at 25% of actors, above 10%: percentages only go up (roll back to go down)",
    );
  });

  it("is done already when production is at that percentage", () => {
    const at10 = flag({ actors: ["Project:1"], percentageOfActors: 10 });
    const plan = rollout.plan(
      state(
        config,
        { production: at10 },
        [
          ...prepared,
          event("rollout", "2026-11-26T10:20:00.000Z", [
            { env: "production", before: actors, after: at10 },
          ]),
        ],
        "2026-11-26T10:21:00.000Z",
      ),
      { ...opts, percentage: 10 },
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.actions[0]?.changes).toEqual([]);
  });

  it("rejects a percentage that is not configured as a usage error", () => {
    expect(() =>
      rollout.plan(state(config, { production: actors }, prepared), { ...opts, percentage: 33 }),
    ).toThrow(UsageError);
  });

  it("says the next phase is global once every configured percentage is reached", () => {
    const last = config.percentages.at(-1);
    const atLast = flag({ actors: ["Project:1"], percentageOfActors: last });
    expect(() =>
      rollout.plan(
        state(config, { production: atLast }, prepared, "2026-11-26T10:20:00.000Z"),
        opts,
      ),
    ).toThrow(
      `Usage error: phase "rollout": every configured percentage (${config.percentages.join(", ")}) is reached (now ${last}%); the next phase is global: run global`,
    );
  });

  it("refuses before prepare has run", () => {
    const plan = rollout.plan(state(config, { production: actors }, [prepared[0]!]), {
      ...opts,
      percentage: 1,
    });
    expect(plan.refusals.map((r) => r.reason)).toContain(
      "the prepare phase has not run yet; run the prepare phase before production percentages",
    );
  });

  it("refuses when production drifted from what was recorded", () => {
    const plan = rollout.plan(state(config, { production: ON }, prepared), {
      ...opts,
      percentage: 1,
    });
    expect(plan.refusals.map((r) => r.reason).join("\n")).toContain(
      "production is on, but the last run recorded on for Project:1",
    );
  });
});

describe("global", () => {
  it("turns the flag on after the soak and tells the feature issue once", () => {
    const at75 = flag({ actors: ["Project:1"], percentageOfActors: 75 });
    const history = [
      ...prepared,
      event("rollout", "2026-11-26T11:00:00.000Z", [
        { env: "production", before: actors, after: at75 },
      ]),
    ];
    const feature = { ref: { project: "g/p", iid: 1, webUrl: "u" }, notes: [] };
    const plan = global.plan(
      state(config, { production: at75 }, history, "2026-11-26T11:16:00.000Z", {
        featureIssue: feature,
      }),
      opts,
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.actions[0]?.changes).toEqual([{ kind: "enable" }]);
    expect(plan.issueActions).toHaveLength(1);
    const told = {
      ...feature,
      notes: [
        {
          id: 1,
          body: "<!-- ff-rollout:global my_flag -->",
          system: false,
          createdAt: "",
          updatedAt: "",
          author: "x",
        },
      ],
    };
    expect(
      global.plan(
        state(config, { production: at75 }, history, "2026-11-26T11:16:00.000Z", {
          featureIssue: told,
        }),
        opts,
      ).issueActions,
    ).toEqual([]);
  });
});

describe("rollback", () => {
  it("has no precondition: drift, soak and order do not block it", () => {
    const plan = rollback.plan(
      state(
        config,
        { production: flag({ percentageOfActors: 50 }) },
        [],
        "2026-11-26T10:00:00.000Z",
      ),
      { ...opts, reason: "errors" },
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.checks).toEqual([]);
    expect(plan.actions.map((a) => [a.environment.name, a.changes])).toEqual([
      ["production", [{ kind: "disable" }]],
    ]);
  });

  it("with --everywhere covers every instance", () => {
    const plan = rollback.plan(state(config, { dev: ON, staging: ON, production: ON }), {
      ...opts,
      everywhere: true,
    });
    expect(plan.actions.map((a) => a.environment.name)).toEqual(["dev", "staging", "production"]);
  });
});
