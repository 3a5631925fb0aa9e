// release's plan, pure: which flag types GitLab lets ship on by default, the MR it plans, and
// what it reports once an MR exists.

import { describe, expect, it } from "vitest";
import type { DefaultEnabledFacts } from "../../../src/engine/release-facts.js";
import { release } from "../../../src/phases/release.js";
import {
  definition,
  event,
  FLAG,
  OFF,
  ON,
  state,
  testConfig,
} from "../../helpers/rollout-state.js";

const OPTIONS = { force: false, everywhere: false };

/** Production fully on since the day before the state's "now" (12:00 on the 26th). */
const A_DAY_ON = [
  event("global", "2026-11-25T11:00:00.000Z", [{ env: "production", before: OFF, after: ON }]),
];

function plan(
  facts: Partial<DefaultEnabledFacts> & { definition: DefaultEnabledFacts["definition"] },
  events = A_DAY_ON,
  now?: string,
) {
  const config = testConfig();
  return release.plan(
    state(config, { production: ON }, events, now, {
      defaultEnabled: { branch: `ff-rollout/${FLAG}-default-enabled`, ...facts },
    }),
    OPTIONS,
  );
}

describe("release plan", () => {
  it("refuses the types GitLab keeps off by default, with the reason", () => {
    for (const type of [
      "gitlab_com_derisk",
      "wip",
      "experiment",
      "worker",
      "undefined",
      "mystery",
    ]) {
      const p = plan({ definition: { found: true, definition: definition(type) } });
      expect(p.refusals, type).toHaveLength(1);
      // GitLab's definition check rejects it: nothing overrides that.
      expect(p.refusals[0]?.kind).toBe("never");
      expect(p.refusals[0]?.reason).toMatch(new RegExp(`^\`${FLAG}\` is a ${type} flag: `));
    }
    expect(
      plan({ definition: { found: true, definition: definition("wip") } }).refusals[0]?.reason,
    ).toContain("change the type to beta");
  });

  it("plans one MR for beta, ops and development flags", () => {
    for (const type of ["beta", "ops", "development"]) {
      const p = plan({ definition: { found: true, definition: definition(type) } });
      expect(p.refusals, type).toEqual([]);
      expect(p.issueActions).toHaveLength(1);
      const action = p.issueActions[0]!;
      if (action.kind !== "open-merge-request") throw new Error(action.kind);
      expect(action.change.actions).toEqual([
        {
          action: "update",
          path: `config/feature_flags/${type}/${FLAG}.yml`,
          content: `name: ${FLAG}\ntype: ${type}\ndefault_enabled: true\n`,
          lastCommitId: "a".repeat(40),
        },
      ]);
      expect(action.change.sourceBranch).toBe(`ff-rollout/${FLAG}-default-enabled`);
      expect(p.facts).toContainEqual({ kind: "verified", intent: "default-enabled-mr" });
    }
  });

  it("reports an existing MR, or a definition already on, and plans nothing", () => {
    const mr = {
      url: "https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/9",
      project: "gitlab-org/gitlab",
      iid: 9,
      title: "t",
      state: "opened",
      targetBranch: "master",
      defaultBranch: "master",
      mergedAt: null,
      commit: null,
    };
    const open = plan({
      definition: { found: true, definition: definition("gitlab_com_derisk") },
      mergeRequest: mr,
    });
    expect(open.refusals).toEqual([]);
    expect(open.issueActions).toEqual([]);
    expect(open.summary).toContain(
      "is open: https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/9",
    );
    const on = plan({ definition: { found: true, definition: definition("beta", true) } });
    expect(on.issueActions).toEqual([]);
    expect(on.facts).toContainEqual({ kind: "verified", intent: "default-enabled-mr" });
  });

  it("ticks the day fully on once production has been on for 24 hours", () => {
    const global = event("global", "2026-11-25T11:00:00.000Z", [
      { env: "production", before: OFF, after: ON },
    ]);
    const facts = { definition: { found: true as const, definition: definition("beta") } };
    const soaked = { kind: "verified", intent: "soaked-one-day" };
    expect(plan(facts, [global], "2026-11-26T12:00:00.000Z").facts).toContainEqual(soaked);
    expect(plan(facts, [global], "2026-11-26T10:00:00.000Z").facts).not.toContainEqual(soaked);
  });

  it("opens the MR only after a day fully on: sooner is 'not now', and --force ticks no wait", () => {
    const global = event("global", "2026-11-26T01:00:00.000Z", [
      { env: "production", before: OFF, after: ON },
    ]);
    const facts = { definition: { found: true as const, definition: definition("beta") } };
    const early = plan(facts, [global], "2026-11-26T12:00:00.000Z");
    expect(early.refusals).toEqual([
      {
        kind: "not-now",
        reason: `\`${FLAG}\` is fully on in production for 11 h; GitLab's process waits a day. Play release again once a day has passed, or pass --force --reason "..." to release it sooner`,
      },
    ]);
    expect(early.facts).not.toContainEqual({ kind: "verified", intent: "soaked-one-day" });
    // Once the MR exists the wait is behind it: a re-run reports, it does not refuse.
    const mr = {
      url: "https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/9",
      project: "gitlab-org/gitlab",
      iid: 9,
      title: "t",
      state: "opened",
      targetBranch: "master",
      defaultBranch: "master",
      mergedAt: null,
      commit: null,
    };
    expect(plan({ ...facts, mergeRequest: mr }, [global]).refusals).toEqual([]);
  });
});
