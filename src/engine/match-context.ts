// What the checklist matcher needs to know of this rollout, from the config.

import type { MatchContext } from "../checklist/index.js";
import type { Config } from "../config.js";
import type { NotifyEventKind } from "../notify/types.js";
import type { ChatopsInstance } from "./facts.js";

export function matchContext(config: Config): MatchContext {
  return {
    flag: config.flag,
    actorType: config.actor,
    actors: config.actors,
    percentages: config.percentages,
    instances: config.environments
      .map((e) => e.chatops)
      .filter((c): c is ChatopsInstance => c !== undefined),
    // Every production step's change is told to some destination: the global run's delivery is
    // then the cross-post of the rollout's commands (see MatchContext.notify).
    notify: ["production-actors", "rollout", "global"].every((phase) =>
      wants(config, "changed", phase),
    ),
    // Some destination is told of the prepared rollout: the "notify support" item is prepare's.
    announce: wants(config, "announced", "prepare"),
  };
}

function wants(config: Config, event: NotifyEventKind, phase: string): boolean {
  return config.notify.some(
    (d) => d.events.includes(event) && (d.phases === undefined || d.phases.includes(phase)),
  );
}
