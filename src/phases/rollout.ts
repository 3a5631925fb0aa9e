// rollout --percentage N: one step of the production rollout. Percentage of actors when the flag
// is checked with an actor (sticky per actor), percentage of time when it is not, as ChatOps'
// `--actors` / `--random`. Only up, only configured steps, only after the soak.

import type { Fact } from "../engine/facts.js";
import { notNow } from "../engine/refusal.js";
import type { Phase, PhaseOptions, Plan, RolloutState } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { isFullyOn } from "../flags/types.js";
import { actorsAfterRollbackCheck } from "./actors-after-rollback.js";
import { driftCheck, emptyVerdicts, flagActions, flagOf, soakCheck, tier } from "./checks.js";
import { requireRun } from "./history-gates.js";
import { productionGates } from "./production-gates.js";

export const rollout: Phase = {
  name: "rollout",
  title: "Roll out to a percentage on production",
  needs: (config) => ({
    environments: config.environments.filter((e) => e.tier === "production"),
    productionGates: true,
  }),
  plan(state: RolloutState, options: PhaseOptions): Plan {
    const { config } = state;
    const v = emptyVerdicts();
    const production = tier(state, "production");
    const of = config.actor === "none" ? "time" : "actors";
    const current = Math.max(
      ...production.map((e) =>
        of === "actors" ? flagOf(state, e).percentageOfActors : flagOf(state, e).percentageOfTime,
      ),
    );
    const target = options.percentage ?? config.percentages.find((p) => p > current);
    if (target === undefined) {
      throw new UsageError([
        {
          option: "phase",
          value: "rollout",
          problem: `every configured percentage (${config.percentages.join(", ")}) is reached (now ${current}%)`,
          fix: "the next phase is global: run global",
        },
      ]);
    }
    if (!config.percentages.includes(target)) {
      throw new UsageError([
        {
          option: "--percentage",
          value: String(target),
          problem: `not one of the configured percentages (${config.percentages.join(", ")})`,
          fix: "use one of them or change percentages: in the config",
        },
      ]);
    }
    requireRun(state, "prepare", v, "run the prepare phase before production percentages");
    driftCheck(state, v);
    const onForAll = production.some((e) => isFullyOn(flagOf(state, e)));
    if (!onForAll && current > target) {
      // GitLab takes a lower percentage; the process goes up only. A judgement: "not now".
      v.refusals.push(
        notNow(
          `production is already at ${current}% of ${of}, above ${target}%: percentages only go up (roll back to go down)`,
        ),
      );
    }
    const needsWrite = onForAll || current !== target;
    if (needsWrite) {
      soakCheck(state, v);
      actorsAfterRollbackCheck(state, v, `rollout --percentage ${target}`);
    }
    const gates = productionGates(state, v, needsWrite);
    const actions = flagActions(
      state,
      production,
      { kind: "percentage", of, percentage: target },
      v,
    );
    const facts: Fact[] = production.flatMap((e) =>
      e.chatops
        ? [
            {
              kind: "flag-percentage",
              flag: config.flag,
              instance: e.chatops,
              of,
              percentage: target,
            } as const,
          ]
        : [],
    );
    return {
      phase: "rollout",
      flag: config.flag,
      summary: needsWrite
        ? `set \`${config.flag}\` to ${target}% of ${of} on production (now ${onForAll ? "fully on" : `${current}%`})`
        : `\`${config.flag}\` is already at ${target}% of ${of} on production`,
      checks: v.checks,
      refusals: v.refusals,
      actions,
      issueActions: [],
      facts,
      ...(gates ? { gates } : {}),
    };
  },
};
