// Our issue template's hidden markers (`<!-- ff-rollout:<id> -->` at the end of an item's
// line) and what each one requires. A marked item matches by its id whatever its wording or
// section; `human` marks work only a person can do.

import { INTENTS, type Intent } from "../engine/facts.js";
import { INTENT_PHASES } from "./intents.js";
import type { MatchContext, Phase, Requirement } from "./types.js";

export type MarkerMeaning =
  | { kind: "human" }
  | { kind: "intent"; intent: Intent; requirements: Requirement[]; phase: Phase }
  | { kind: "command"; requirements: Requirement[]; phase: Phase }
  | { kind: "unknown" };

const PRODUCTION = { kind: "named", instances: ["production"] } as const;

/** Markers for flag states; every `Intent` is also a marker id of the same name. */
const FLAG_MARKERS: Record<
  string,
  (ctx: MatchContext) => { requirements: Requirement[]; phase: Phase }
> = {
  "enable-non-production": () => ({
    requirements: [{ kind: "flag", where: { kind: "non-production" }, target: { kind: "on" } }],
    phase: "non-production",
  }),
  "enable-actors": (ctx) => ({
    requirements:
      ctx.actorType === "none"
        ? []
        : [
            {
              kind: "flag",
              where: PRODUCTION,
              target: { kind: "actors", actorType: ctx.actorType },
            },
          ],
    phase: "production-actors",
  }),
  "rollout-percentages": (ctx) => ({
    requirements: [
      {
        kind: "flag",
        where: PRODUCTION,
        target: { kind: "percentage", of: of(ctx), value: "series" },
      },
    ],
    phase: "rollout",
  }),
  "enable-global": () => ({
    requirements: [{ kind: "flag", where: PRODUCTION, target: { kind: "on" } }],
    phase: "global",
  }),
  "delete-everywhere": () => ({
    requirements: [{ kind: "flag", where: { kind: "all" }, target: { kind: "deleted" } }],
    phase: "cleanup",
  }),
  "rollback-production": () => ({
    requirements: [{ kind: "flag", where: PRODUCTION, target: { kind: "off" } }],
    phase: "rollback",
  }),
  "rollback-everywhere": () => ({
    requirements: [{ kind: "flag", where: { kind: "all" }, target: { kind: "off" } }],
    phase: "rollback",
  }),
};

/** Every id the template may carry, for validating a template. */
export const MARKER_IDS: readonly string[] = [
  "human",
  ...INTENTS,
  ...Object.keys(FLAG_MARKERS),
  "rollout-<percentage>",
];

export function markerMeaning(id: string, ctx: MatchContext): MarkerMeaning {
  if (id === "human") return { kind: "human" };
  const intent = INTENTS.find((known) => known === id);
  // Only a delivered notification does these; with no destination that wants it, a person does.
  if ((intent === "cross-posted" && !ctx.notify) || (intent === "announced" && !ctx.announce)) {
    return { kind: "human" };
  }
  if (intent) {
    return {
      kind: "intent",
      intent,
      requirements: [{ kind: "intent", intent }],
      phase: INTENT_PHASES[intent],
    };
  }
  const flag = FLAG_MARKERS[id];
  if (flag) return { kind: "command", ...flag(ctx) };
  // rollout-25: one step of the series.
  const step = /^rollout-(\d+(?:\.\d+)?)$/.exec(id);
  if (step) {
    const value = Number(step[1]);
    return {
      kind: "command",
      requirements: [
        { kind: "flag", where: PRODUCTION, target: { kind: "percentage", of: of(ctx), value } },
      ],
      phase: "rollout",
    };
  }
  return { kind: "unknown" };
}

function of(ctx: MatchContext): "actors" | "time" {
  return ctx.actorType === "none" ? "time" : "actors";
}
