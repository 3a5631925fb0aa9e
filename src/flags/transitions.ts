// From the state a flag is in to the state a phase wants: which writes, in which order, or why
// not. GitLab's rules live here so a phase refuses with a reason instead of surfacing a raw 400.

import { describeState } from "./gates.js";
import { type ActorType, type FlagChange, type FlagState, isFullyOff, isFullyOn } from "./types.js";

export type FlagTarget =
  | { kind: "on" }
  | { kind: "off" }
  | { kind: "percentage"; of: "actors" | "time"; percentage: number }
  /**
   * Enabled for these actors. `ids` are the actors as GitLab reports them in the gate
   * ("Project:12", or a feature group's name), when they could be resolved: with them a re-run
   * sees the actors are in and writes nothing.
   */
  | { kind: "actors"; actorType: ActorType; actors: string[]; ids?: string[] }
  | { kind: "deleted" };

/**
 * The writes to reach the target. `refusal` says why they should not be made without --force;
 * `changes` are then what --force would do. `notes` explain anything surprising a write does.
 */
export interface Transition {
  changes: FlagChange[];
  refusal?: string;
  notes: string[];
}

export function transition(current: FlagState, target: FlagTarget): Transition {
  switch (target.kind) {
    case "on":
      return ok(isFullyOn(current) ? [] : [{ kind: "enable" }]);
    case "off":
      // A flag that was never set is off already; setting it false would only persist it.
      return ok(isFullyOff(current) ? [] : [{ kind: "disable" }]);
    case "deleted":
      return ok(current.exists ? [{ kind: "delete" }] : []);
    case "percentage":
      return toPercentage(current, target);
    case "actors":
      return toActors(current, target);
  }
}

function toActors(current: FlagState, target: Extract<FlagTarget, { kind: "actors" }>): Transition {
  // Enabling actors on a flag that is on for everyone changes nothing anybody sees.
  if (isFullyOn(current)) return { changes: [], notes: ["the flag is already on for everyone"] };
  const gate = target.actorType === "feature_group" ? current.featureGroups : current.actors;
  if (target.ids?.every((id) => gate.includes(id))) return ok([]);
  return ok([{ kind: "actors", actorType: target.actorType, actors: target.actors }]);
}

function toPercentage(
  current: FlagState,
  target: { of: "actors" | "time"; percentage: number },
): Transition {
  const set: FlagChange = { kind: "percentage", of: target.of, percentage: target.percentage };
  const now = target.of === "actors" ? current.percentageOfActors : current.percentageOfTime;
  if (!isFullyOn(current)) return ok(now === target.percentage ? [] : [set]);

  // lib/feature.rb raises "Cannot enable percentage of actors for a fully-enabled flag": a flag
  // that is fully on must be set false first, which also clears every actor and percentage.
  return {
    changes: [{ kind: "disable" }, set],
    refusal: `the flag is fully enabled (${describeState(current)}), and GitLab cannot set a percentage on a fully-enabled flag. Setting it false first would disable it for everyone for a moment; pass --force --reason "..." to do both steps, or use the rollback phase.`,
    notes: [
      `the flag was fully enabled, so it is set false first (which also clears its actors) and then to ${target.percentage}% of ${target.of}`,
    ],
  };
}

function ok(changes: FlagChange[]): Transition {
  return { changes, notes: [] };
}

/** "true", "false", "25% of actors", "deleted", "on for 2 projects": for plans and notes. */
export function describeChange(change: FlagChange): string {
  switch (change.kind) {
    case "enable":
      return "set true";
    case "disable":
      return "set false";
    case "percentage":
      return `set ${change.percentage}% of ${change.of}`;
    case "actors":
      return `enable for ${change.actorType} ${change.actors.join(", ")}`;
    case "delete":
      return "delete";
  }
}
