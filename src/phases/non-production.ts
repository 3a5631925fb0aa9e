// non-production: the flag fully on in every non-production instance (dev, staging, ...), as
// `/chatops run feature set <flag> true --dev --staging --staging-ref` does by hand.

import type { Config } from "../config.js";
import type { Fact } from "../engine/facts.js";
import type { Phase, Plan, RolloutState } from "../engine/types.js";
import { transition } from "../flags/transitions.js";
import { absentFlag } from "../flags/types.js";

function targets(config: Config) {
  return config.environments.filter((e) => e.tier === "non-production");
}

export const nonProduction: Phase = {
  name: "non-production",
  title: "Enable on non-production instances",
  environments: targets,
  plan(state: RolloutState): Plan {
    const { config } = state;
    const envs = targets(config);
    const refusals: string[] = [];
    if (envs.length === 0) {
      refusals.push(
        "no environment has tier: non-production; add dev or staging instances to environments: in the config",
      );
    }
    const actions = envs.map((environment) => {
      const before = state.flags.get(environment.name) ?? absentFlag(config.flag);
      const step = transition(before, { kind: "on" });
      if (step.refusal) refusals.push(`${environment.name}: ${step.refusal}`);
      return {
        environment,
        before,
        target: { kind: "on" } as const,
        changes: step.changes,
        notes: step.notes,
      };
    });
    const facts: Fact[] = envs.flatMap((e) =>
      e.chatops
        ? [{ kind: "flag-boolean", flag: config.flag, instance: e.chatops, value: true }]
        : [],
    );
    const pending = actions.filter((a) => a.changes.length > 0).length;
    return {
      phase: "non-production",
      flag: config.flag,
      summary:
        pending === 0
          ? `\`${config.flag}\` is already on in every non-production instance`
          : `set \`${config.flag}\` to true on ${pending} non-production instance${pending === 1 ? "" : "s"}`,
      checks: [],
      refusals,
      actions,
      facts,
    };
  },
};
