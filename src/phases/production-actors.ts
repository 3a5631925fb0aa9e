// production-actors: once the commit is deployed to production (canary included) and the flag is
// on in non-production, enable it on production for the configured actors, in one request with
// a comma-separated list, as `/chatops run feature set --project=a,b <flag> true` does.

import type { Fact } from "../engine/facts.js";
import { never } from "../engine/refusal.js";
import type { Phase, Plan, RolloutState } from "../engine/types.js";
import {
  driftCheck,
  emptyVerdicts,
  flagActions,
  nonProductionDone,
  releaseChecks,
  tier,
} from "./checks.js";
import { productionGates } from "./production-gates.js";

export const productionActors: Phase = {
  name: "production-actors",
  title: "Enable on production for the configured actors",
  needs: (config) => ({
    environments: config.environments,
    release: { tier: "production" },
    actorIds: config.actor !== "none",
    productionGates: config.actor !== "none",
  }),
  plan(state: RolloutState): Plan {
    const { config } = state;
    const v = emptyVerdicts();
    const base = { phase: "production-actors" as const, flag: config.flag, issueActions: [] };
    if (config.actor === "none") {
      return {
        ...base,
        summary:
          "nothing to do: actor is none, so the flag has no actors to enable first (go on with prepare)",
        checks: [],
        refusals: [],
        actions: [],
        facts: [],
      };
    }
    releaseChecks(state, v);
    nonProductionDone(state, v);
    driftCheck(state, v);
    const ids = state.actorIds && "ids" in state.actorIds ? state.actorIds.ids : undefined;
    // An actor GitLab does not know: the write could never succeed. "never".
    if (state.actorIds && "error" in state.actorIds) v.refusals.push(never(state.actorIds.error));
    const actions = flagActions(
      state,
      tier(state, "production"),
      { kind: "actors", actorType: config.actor, actors: config.actors, ids },
      v,
    );
    const facts: Fact[] = tier(state, "production").flatMap((e) =>
      e.chatops
        ? [
            {
              kind: "flag-actors",
              flag: config.flag,
              instance: e.chatops,
              actorType: config.actor as Exclude<typeof config.actor, "none">,
              actors: config.actors,
            } as const,
          ]
        : [],
    );
    const pending = actions.some((a) => a.changes.length > 0);
    const gates = productionGates(state, v, pending);
    return {
      ...base,
      ...(gates ? { gates } : {}),
      summary: pending
        ? `enable \`${config.flag}\` on production for ${config.actor} ${config.actors.join(", ")}`
        : `\`${config.flag}\` is already on for ${config.actor} ${config.actors.join(", ")} on production`,
      checks: v.checks,
      refusals: v.refusals,
      actions,
      facts: [...v.facts, ...facts],
    };
  },
};
