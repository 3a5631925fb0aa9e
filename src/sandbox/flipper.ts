// Flipper's gate semantics, as GitLab's instance feature flags use them (flipper 0.2x with the
// ActiveRecord adapter). Pure functions over a gates record; the HTTP layer and the
// SetFeatureFlagService rules live in set-feature-flag.ts.

export interface Gates {
  boolean: boolean;
  /** Flipper ids, e.g. "Project:20", "Group:10", "User:1", "Namespaces::UserNamespace:7". */
  actors: string[];
  percentage_of_actors: number;
  percentage_of_time: number;
  /** Feature group names (Flipper's "group" gate, reported under the key `groups`). */
  groups: string[];
}

export type FlipperState = "on" | "off" | "conditional";

export function emptyGates(): Gates {
  return { boolean: false, actors: [], percentage_of_actors: 0, percentage_of_time: 0, groups: [] };
}

export function cloneGates(gates: Gates): Gates {
  return { ...gates, actors: [...gates.actors], groups: [...gates.groups] };
}

/** flipper Feature#state: fully on wins, then any partial gate, else off. */
export function flipperState(gates: Gates): FlipperState {
  // 100% of time counts as on; 100% of actors does not (flipper/feature.rb #state).
  if (gates.boolean || gates.percentage_of_time === 100) return "on";
  if (
    gates.actors.length > 0 ||
    gates.groups.length > 0 ||
    gates.percentage_of_actors > 0 ||
    gates.percentage_of_time > 0
  ) {
    return "conditional";
  }
  return "off";
}

export class PercentageRangeError extends Error {}

function checkPercentage(value: number): number {
  // flipper/types/percentage.rb raises ArgumentError outside 0..100; GitLab's service does not
  // rescue it, so the API answers 500 (handled by the caller).
  if (!(value >= 0 && value <= 100)) {
    throw new PercentageRangeError(
      `value must be a positive number less than or equal to 100, but was ${value}`,
    );
  }
  // flipper's Typecast.to_percentage reports whole numbers as integers (25, not 25.0) and
  // fractions as floats (0.5); a JS number serialises the same way.
  return value;
}

/**
 * Enabling the boolean gate: the ActiveRecord adapter clears every gate, then sets boolean.
 * So `true` makes actors and percentages disappear from GET /features.
 */
export function enableAll(): Gates {
  return { ...emptyGates(), boolean: true };
}

/** Disabling the boolean gate clears every gate (the adapter's #clear); the flag stays persisted. */
export function disableAll(): Gates {
  return emptyGates();
}

export function enableActor(gates: Gates, flipperId: string): Gates {
  const next = cloneGates(gates);
  if (!next.actors.includes(flipperId)) next.actors.push(flipperId);
  return next;
}

export function disableActor(gates: Gates, flipperId: string): Gates {
  const next = cloneGates(gates);
  next.actors = next.actors.filter((id) => id !== flipperId);
  return next;
}

export function enableGroup(gates: Gates, name: string): Gates {
  const next = cloneGates(gates);
  if (!next.groups.includes(name)) next.groups.push(name);
  return next;
}

export function disableGroup(gates: Gates, name: string): Gates {
  const next = cloneGates(gates);
  next.groups = next.groups.filter((group) => group !== name);
  return next;
}

export function setPercentageOfActors(gates: Gates, value: number): Gates {
  return { ...cloneGates(gates), percentage_of_actors: checkPercentage(value) };
}

export function setPercentageOfTime(gates: Gates, value: number): Gates {
  return { ...cloneGates(gates), percentage_of_time: checkPercentage(value) };
}

export interface GateEntry {
  key: "boolean" | "actors" | "percentage_of_actors" | "percentage_of_time" | "groups";
  value: boolean | number | string[];
}

/**
 * The `gates` array of API::Entities::Feature: flipper's gate order, `boolean` always, the
 * others only when non-zero / non-empty (lib/api/entities/feature.rb).
 */
export function gateEntries(gates: Gates): GateEntry[] {
  const entries: GateEntry[] = [{ key: "boolean", value: gates.boolean }];
  if (gates.actors.length > 0) entries.push({ key: "actors", value: [...gates.actors] });
  if (gates.percentage_of_actors !== 0) {
    entries.push({ key: "percentage_of_actors", value: gates.percentage_of_actors });
  }
  if (gates.percentage_of_time !== 0) {
    entries.push({ key: "percentage_of_time", value: gates.percentage_of_time });
  }
  if (gates.groups.length > 0) entries.push({ key: "groups", value: [...gates.groups] });
  return entries;
}
