// The release or cleanup phase as the schedule runs it: the very same plan a person's second
// press makes (the same checks: merged, in the release, deployed to production, no code reading
// the flag), plus the refusals that keep the schedule to finishing. Planned again under the lease
// like any run, so the guard holds on the state the writes are decided on. Pure.

import { never, notNow } from "../engine/refusal.js";
import type { Phase, Plan, RolloutState } from "../engine/types.js";
import type { Refusal } from "../errors.js";
import type { Finishable } from "./finish-decide.js";

export function scheduledFinish(phase: Phase & { name: Finishable }): Phase {
  return {
    ...phase,
    plan(state, options) {
      const plan = phase.plan(state, options);
      const guard = finishRefusals(phase.name, state, plan);
      return guard.length === 0 ? plan : { ...plan, refusals: [...plan.refusals, ...guard] };
    },
  };
}

/** What stops the schedule where a person's press would go on (or do nothing, and say so). */
export function finishRefusals(phase: Finishable, state: RolloutState, plan: Plan): Refusal[] {
  // Opening the MR is the start a person makes; it is gone (deleted) if the plan would open it.
  if (plan.issueActions.some((a) => a.kind === "open-merge-request")) {
    return [
      never(
        `the ${phase} merge request a person opened is not there any more: the schedule never opens one. A person plays ${phase} to open it again`,
      ),
    ];
  }
  if (phase === "cleanup") return []; // its finish refuses by itself until merged and deployed
  const facts = state.defaultEnabled;
  const mr = facts?.mergeRequest;
  if (!facts || !mr) return [];
  const milestone = facts.milestone ? `the ${facts.milestone} release` : "the milestone's release";
  if (mr.state !== "merged") {
    return [
      notNow(
        `the default-enabled merge request ${mr.url} is ${mr.state === "opened" ? "open" : mr.state}, not merged: the schedule finishes the release once it is merged and in ${milestone}`,
      ),
    ];
  }
  if (!facts.steps) {
    // Merged but not (known to be) in the release: the steps wait for it, as a person's would.
    const check = plan.checks.find((c) => c.name === "release check");
    return [
      notNow(
        check
          ? `release check: ${check.detail.replace(/^waiting: /, "")}; the release steps follow once it is`
          : `no milestone to check the release of: set milestone: in the config, or a milestone on the rollout issue`,
      ),
    ];
  }
  return [];
}
