// GitLab's feature JSON ({name, state, gates: [{key, value}]}) -> FlagState, checked at the
// boundary. Gates that are zero or empty are omitted by GitLab (lib/api/entities/feature.rb), so
// absence means "not set". Unknown gate keys (Flipper's newer expression gate) are ignored.

import { z } from "zod";
import type { FlagState } from "./types.js";

const percentage = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number);

export const featureSchema = z.looseObject({
  name: z.string(),
  state: z.enum(["on", "off", "conditional"]),
  gates: z.array(z.looseObject({ key: z.string(), value: z.unknown() })),
});
export type FeatureJson = z.infer<typeof featureSchema>;

export function decodeFeature(json: FeatureJson): FlagState {
  const gate = (key: string) => json.gates.find((g) => g.key === key)?.value;
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const pct = (value: unknown) => {
    const parsed = percentage.safeParse(value);
    return parsed.success ? parsed.data : 0;
  };
  return {
    name: json.name,
    exists: true,
    state: json.state,
    boolean: gate("boolean") === true,
    percentageOfActors: pct(gate("percentage_of_actors")),
    percentageOfTime: pct(gate("percentage_of_time")),
    actors: list(gate("actors")).sort(),
    featureGroups: list(gate("groups")).sort(),
  };
}

/** One line for people: "on", "off", "25% of actors", "on for Project:12, Project:13". */
export function describeState(state: FlagState): string {
  if (!state.exists) return "off (never set)";
  if (state.boolean) return "on";
  if (state.percentageOfTime >= 100) return "on (100% of time)";
  const parts: string[] = [];
  if (state.percentageOfActors > 0) parts.push(`${state.percentageOfActors}% of actors`);
  if (state.percentageOfTime > 0) parts.push(`${state.percentageOfTime}% of time`);
  if (state.actors.length > 0) parts.push(`on for ${state.actors.join(", ")}`);
  if (state.featureGroups.length > 0) parts.push(`on for groups ${state.featureGroups.join(", ")}`);
  return parts.length > 0 ? parts.join(" + ") : "off";
}
