// What the checklist matcher needs to know of this rollout, from the config.

import type { MatchContext } from "../checklist/index.js";
import type { Config } from "../config.js";
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
  };
}
