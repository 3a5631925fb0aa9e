// Every refusal has its kind: "not now" (--force --reason overrides it) or "never" (GitLab
// forbids it, the flag is not in the needed state, or the flag or an actor is unknown). One row
// per refusal a phase makes, on a state that provokes it and only it.

import { describe, expect, it } from "vitest";
import { blockingRefusals, refusalError } from "../../../src/engine/refusal.js";
import type { Phase, RolloutState } from "../../../src/engine/types.js";
import { global } from "../../../src/phases/global.js";
import { nonProduction } from "../../../src/phases/non-production.js";
import { productionActors } from "../../../src/phases/production-actors.js";
import { release } from "../../../src/phases/release.js";
import { rollout } from "../../../src/phases/rollout.js";
import {
  definition,
  event,
  FLAG,
  flag,
  OFF,
  ON,
  state,
  testConfig,
} from "../../helpers/rollout-state.js";

const OPTIONS = { force: false, everywhere: false };
const config = testConfig();
const actorsOn = flag({ actors: ["Project:1"] });
const prepared = [
  event("production-actors", "2026-11-26T10:00:00.000Z", [
    { env: "production", before: OFF, after: actorsOn },
  ]),
  event("prepare", "2026-11-26T10:05:00.000Z", [], "unchanged"),
];

const releaseFacts = (type: string) => ({
  defaultEnabled: {
    branch: `ff-rollout/${FLAG}-default-enabled`,
    definition: { found: true as const, definition: definition(type) },
  },
});

const mergeRequest = (status: "merged" | "opened") => ({
  release: {
    tier: "production" as const,
    definition: { found: true as const, definition: definition("beta") },
    mergeRequest: {
      url: "https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/1",
      project: "gitlab-org/gitlab",
      iid: 1,
      title: "Add the flag",
      mergedAt: null,
      state: status,
      targetBranch: "master",
      defaultBranch: "master",
      commit: "b".repeat(40),
    },
  },
});

interface Row {
  name: string;
  phase: Phase;
  state: RolloutState;
  percentage?: number;
  kind: "not-now" | "never";
  reason: RegExp;
}

const ROWS: Row[] = [
  {
    name: "soak not over",
    phase: rollout,
    state: state(config, { production: actorsOn }, prepared, "2026-11-26T10:14:00.000Z"),
    percentage: 10,
    kind: "not-now",
    reason: /^soak: only 14 min/,
  },
  {
    name: "ordering: prepare not run",
    phase: rollout,
    state: state(config, { production: actorsOn }, [prepared[0]!], "2026-11-26T10:30:00.000Z"),
    percentage: 10,
    kind: "not-now",
    reason: /^the prepare phase has not run yet/,
  },
  {
    name: "drift",
    phase: global,
    state: state(config, { production: OFF }, prepared, "2026-11-26T10:30:00.000Z"),
    kind: "not-now",
    reason: /^no drift on production/,
  },
  {
    name: "percentages going down",
    phase: rollout,
    state: state(
      config,
      { production: flag({ actors: ["Project:1"], percentageOfActors: 50 }) },
      [
        ...prepared,
        event("rollout", "2026-11-26T10:10:00.000Z", [
          {
            env: "production",
            before: actorsOn,
            after: flag({ actors: ["Project:1"], percentageOfActors: 50 }),
          },
        ]),
      ],
      "2026-11-26T11:00:00.000Z",
    ),
    percentage: 10,
    kind: "not-now",
    reason: /percentages only go up/,
  },
  {
    name: "the MR not merged yet",
    phase: nonProduction,
    state: state(config, { dev: OFF, staging: OFF }, [], undefined, mergeRequest("opened")),
    kind: "not-now",
    reason: /is opened, not merged yet/,
  },
  {
    name: "release of a gitlab_com_derisk flag (GitLab forbids it)",
    phase: release,
    state: state(config, { production: ON }, [], undefined, releaseFacts("gitlab_com_derisk")),
    kind: "never",
    reason: /is a gitlab_com_derisk flag: GitLab does not allow default_enabled: true/,
  },
  {
    name: "release while the flag is not fully on in production",
    phase: release,
    state: state(config, { production: actorsOn }, [], undefined, releaseFacts("beta")),
    kind: "never",
    reason: /is not fully on in production/,
  },
  {
    name: "an unknown flag (no definition)",
    phase: release,
    state: state(config, { production: ON }, [], undefined, {
      defaultEnabled: {
        branch: "b",
        definition: { found: false, searched: ["config/feature_flags/**"] },
      },
    }),
    kind: "never",
    reason: /^definition: no definition of/,
  },
  {
    name: "an actor GitLab does not know",
    phase: productionActors,
    state: state(
      config,
      { dev: ON, staging: ON, production: OFF },
      [event("non-production", "2026-11-26T10:00:00.000Z", [])],
      undefined,
      { actorIds: { error: 'project "gone/away" does not exist on "production"' } },
    ),
    kind: "never",
    reason: /does not exist on "production"/,
  },
];

describe("refusal kinds", () => {
  it.each(ROWS)("$name: $kind", (row) => {
    const plan = row.phase.plan(row.state, {
      ...OPTIONS,
      ...(row.percentage === undefined ? {} : { percentage: row.percentage }),
    });
    const found = plan.refusals.find((r) => row.reason.test(r.reason));
    expect(found, JSON.stringify(plan.refusals)).toBeDefined();
    expect(found?.kind).toBe(row.kind);
  });

  it("--force lifts only the not-now ones, and every printed line names its kind", () => {
    const refusals = [
      { kind: "not-now" as const, reason: "soak: only 3 min" },
      { kind: "never" as const, reason: "GitLab forbids it" },
    ];
    expect(blockingRefusals(refusals, false)).toHaveLength(2);
    expect(blockingRefusals(refusals, true)).toEqual([refusals[1]]);
    expect(blockingRefusals([refusals[0]!], true)).toEqual([]);
    const error = refusalError("release", refusals, true);
    expect(error.exitCode).toBe(1);
    expect(error.refusals).toEqual(refusals);
    expect(error.message.split("\n").slice(0, 3)).toEqual([
      "release refused:",
      "  - [not now] soak: only 3 min",
      "  - [never] GitLab forbids it",
    ]);
  });
});
