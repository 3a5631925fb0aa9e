// rollback: the flag off on production (every instance with --everywhere), now. No
// preconditions at all: not drift, not soak, not order. It is the one button that must always
// work; the reason is recorded in the note.

import type { Fact } from "../engine/facts.js";
import type { Phase, PhaseOptions, Plan, RolloutState } from "../engine/types.js";
import { emptyVerdicts, flagActions, plural } from "./checks.js";

export const rollback: Phase = {
  name: "rollback",
  title: "Roll back: disable the flag",
  needs: (config, options) => ({
    environments: options.everywhere
      ? config.environments
      : config.environments.filter((e) => e.tier === "production"),
  }),
  plan(state: RolloutState, options: PhaseOptions): Plan {
    const { config } = state;
    const v = emptyVerdicts();
    const envs = options.everywhere
      ? config.environments
      : config.environments.filter((e) => e.tier === "production");
    const actions = flagActions(state, envs, { kind: "off" }, v);
    const facts: Fact[] = envs.flatMap((e) =>
      e.chatops
        ? [{ kind: "flag-boolean", flag: config.flag, instance: e.chatops, value: false } as const]
        : [],
    );
    const pending = actions.filter((a) => a.changes.length > 0).length;
    const where = options.everywhere ? "every instance" : "production";
    return {
      phase: "rollback",
      flag: config.flag,
      summary: pending
        ? `set \`${config.flag}\` to false on ${plural(pending, "instance")} (${where})${options.reason ? ` because: ${options.reason}` : ""}`
        : `\`${config.flag}\` is already off on ${where}`,
      checks: [],
      // Never any refusal: a rollback must not be blockable.
      refusals: [],
      actions,
      issueActions: [],
      facts,
    };
  },
};
