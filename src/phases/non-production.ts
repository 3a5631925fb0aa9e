// non-production: the flag fully on in every non-production instance (dev, staging, ...), as
// `/chatops run feature set <flag> true --dev --staging --staging-ref` does by hand, once the MR
// behind the flag is merged and its commit is deployed to the non-production environments.

import type { Fact } from "../engine/facts.js";
import { never } from "../engine/refusal.js";
import type { Phase, Plan, RolloutState } from "../engine/types.js";
import { driftCheck, emptyVerdicts, flagActions, plural, releaseChecks, tier } from "./checks.js";

export const nonProduction: Phase = {
  name: "non-production",
  title: "Enable on non-production instances",
  needs: (config) => ({
    environments: config.environments.filter((e) => e.tier === "non-production"),
    release: { tier: "non-production" },
  }),
  plan(state: RolloutState): Plan {
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
    const actions = flagActions(state, envs, { kind: "on" }, v);
    const facts: Fact[] = envs.flatMap((e) =>
      e.chatops
        ? [{ kind: "flag-boolean", flag: config.flag, instance: e.chatops, value: true } as const]
        : [],
    );
    const pending = actions.filter((a) => a.changes.length > 0).length;
    return {
      phase: "non-production",
      flag: config.flag,
      summary:
        pending === 0
          ? `\`${config.flag}\` is already on in every non-production instance`
          : `set \`${config.flag}\` to true on ${plural(pending, "non-production instance")}`,
      checks: v.checks,
      refusals: v.refusals,
      actions,
      issueActions: [],
      facts: [...v.facts, ...facts],
    };
  },
};
