// non-production: the flag fully on in every non-production instance (dev, staging, ...), as
// `/chatops run feature set <flag> true --dev --staging --staging-ref` does by hand, once the MR
// behind the flag is merged and its commit is deployed to the non-production environments.
//
// `--percentage N` is the optional incremental step some generations of GitLab's template put
// first ("deploy the feature flag at a percentage ... --actors --dev --pre --staging
// --staging-ref", then "monitor that the error rates did not increase"): N% of actors (of time
// for a flag without actor) on every non-production instance. Percentages only go up, and the
// next change there, another step or the full enable, waits for the soak.

import type { Fact } from "../engine/facts.js";
import { never, notNow } from "../engine/refusal.js";
import type { Phase, PhaseOptions, Plan, RolloutState } from "../engine/types.js";
import type { FlagTarget } from "../flags/transitions.js";
import { isFullyOn } from "../flags/types.js";
import {
  driftCheck,
  emptyVerdicts,
  flagActions,
  flagOf,
  plural,
  releaseChecks,
  soakCheck,
  tier,
} from "./checks.js";

export const nonProduction: Phase = {
  name: "non-production",
  title: "Enable on non-production instances",
  needs: (config) => ({
    environments: config.environments.filter((e) => e.tier === "non-production"),
    release: { tier: "non-production" },
  }),
  plan(state: RolloutState, options: PhaseOptions): Plan {
    const { config } = state;
    const envs = tier(state, "non-production");
    const v = emptyVerdicts();
    if (envs.length === 0) {
      v.refusals.push(
        never(
          "no environment has tier: non-production; add dev or staging instances to environments: in the config",
        ),
      );
    }
    releaseChecks(state, v);
    driftCheck(state, v);
    const of = config.actor === "none" ? "time" : "actors";
    const percentage = options.percentage;
    const current = (e: (typeof envs)[number]) =>
      of === "actors" ? flagOf(state, e).percentageOfActors : flagOf(state, e).percentageOfTime;
    const partly = envs.filter((e) => !isFullyOn(flagOf(state, e)) && current(e) > 0);
    if (percentage !== undefined) {
      const above = partly.filter((e) => current(e) > percentage);
      if (above.length > 0) {
        // GitLab takes a lower percentage; the process goes up only. A judgement: "not now".
        v.refusals.push(
          notNow(
            `${above.map((e) => `${e.name} is at ${current(e)}% of ${of}`).join(", ")}, above ${percentage}%: percentages only go up (roll back to go down, or run non-production without --percentage to enable fully)`,
          ),
        );
      }
    }
    const target: FlagTarget =
      percentage === undefined ? { kind: "on" } : { kind: "percentage", of, percentage };
    const actions = flagActions(state, envs, target, v);
    const pending = actions.filter((a) => a.changes.length > 0).length;
    // A change after a percentage step waits for the soak, as production steps do.
    if (pending > 0 && partly.length > 0) soakCheck(state, v, "non-production");
    const facts: Fact[] = envs.flatMap((e): Fact[] => {
      if (!e.chatops) return [];
      return percentage === undefined
        ? [{ kind: "flag-boolean", flag: config.flag, instance: e.chatops, value: true }]
        : [{ kind: "flag-percentage", flag: config.flag, instance: e.chatops, of, percentage }];
    });
    const what = percentage === undefined ? "true" : `${percentage}% of ${of}`;
    return {
      phase: "non-production",
      flag: config.flag,
      summary:
        pending === 0
          ? `\`${config.flag}\` is already ${percentage === undefined ? "on" : `at ${what}`} in every non-production instance`
          : `set \`${config.flag}\` to ${what} on ${plural(pending, "non-production instance")}`,
      checks: v.checks,
      refusals: v.refusals,
      actions,
      issueActions: [],
      facts: [...v.facts, ...facts],
    };
  },
};
