// The release and cleanup plans as the schedule runs them: a person's second press, plus the
// refusals that keep the schedule to finishing. Pure: the real phases' plans on given facts.

import { describe, expect, it } from "vitest";
import { finishRefusals, scheduledFinish } from "../../../src/advance/finish-guard.js";
import type { DefaultEnabledFacts } from "../../../src/engine/release-facts.js";
import type { MergeRequestState } from "../../../src/engine/release-port.js";
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
const A_DAY_ON = [
  event("global", "2026-11-25T11:00:00.000Z", [{ env: "production", before: OFF, after: ON }]),
];
const MR_URL = "https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/9";

function mr(more: Partial<MergeRequestState> = {}): MergeRequestState {
  return {
    url: MR_URL,
    project: "gitlab-org/gitlab",
    iid: 9,
    title: "t",
    state: "opened",
    targetBranch: "master",
    defaultBranch: "master",
    mergedAt: null,
    commit: null,
    ...more,
  } as MergeRequestState;
}

function releaseState(facts: Partial<DefaultEnabledFacts>) {
  return state(testConfig(), { production: ON }, A_DAY_ON, undefined, {
    defaultEnabled: {
      branch: `ff-rollout/${FLAG}-default-enabled`,
      definition: { found: true, definition: definition("beta") },
      milestone: "19.7",
      ...facts,
    },
  });
}

function planRelease(facts: Partial<DefaultEnabledFacts>) {
  const guarded = scheduledFinish(release as typeof release & { name: "release" });
  return guarded.plan(releaseState(facts), OPTIONS);
}

describe("the schedule's release and cleanup", () => {
  it("never opens the release MR a person's press would open", () => {
    const p = planRelease({});
    // A person's press plans the MR; the schedule's is refused before any write.
    expect(release.plan(releaseState({}), OPTIONS).issueActions).toHaveLength(1);
    expect(p.refusals).toContainEqual({
      kind: "never",
      reason:
        "the release merge request a person opened is not there any more: the schedule never opens one. A person plays release to open it again",
    });
  });

  it("waits while the MR is open, where a person's press reports and does nothing", () => {
    const p = planRelease({ mergeRequest: mr() });
    expect(p.refusals).toEqual([
      {
        kind: "not-now",
        reason: `the default-enabled merge request ${MR_URL} is open, not merged: the schedule finishes the release once it is merged and in the 19.7 release`,
      },
    ]);
  });

  it("waits for the release once merged, with the release check's answer", () => {
    const merged = mr({ state: "merged", commit: "c".repeat(40) });
    const p = planRelease({
      mergeRequest: merged,
      release: {
        milestone: "19.7",
        inclusion: { included: false, searched: ["v19.7.*-ee", "19-7-stable-ee"] },
      } as DefaultEnabledFacts["release"] & object,
    });
    expect(p.refusals).toHaveLength(1);
    expect(p.refusals[0]).toMatchObject({ kind: "not-now" });
    expect(p.refusals[0]!.reason).toMatch(
      /^release check: not yet in the 19\.7 release: neither a v19\.7\.\*-ee tag nor the 19-7-stable-ee branch contains cccccccc; the release steps follow once it is$/,
    );
  });

  it("adds nothing to cleanup's own refusals, but never lets it open the MR", () => {
    const s = releaseState({});
    const base = {
      phase: "cleanup" as const,
      flag: FLAG,
      summary: "",
      checks: [],
      refusals: [],
      actions: [],
      facts: [],
    };
    expect(finishRefusals("cleanup", s, { ...base, issueActions: [] })).toEqual([]);
    const opening = finishRefusals("cleanup", s, {
      ...base,
      issueActions: [{ kind: "open-merge-request", what: "the cleanup merge request" } as never],
    });
    expect(opening.map((r) => r.kind)).toEqual(["never"]);
    expect(opening[0]!.reason).toContain("the schedule never opens one");
  });
});
