// Drift: the live flag differs from the last state the audit notes recorded for that instance,
// so someone changed it behind the tool's back (ChatOps, the Rails console, another tool). The
// rollout's position is then unknown, and phases refuse until a person decides (--force) or
// rolls back.

import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import { isFullyOff } from "../flags/types.js";
import type { AuditEvent } from "../report/marker.js";
import type { IssueHistory } from "./history.js";

type Recorded = AuditEvent["instances"][number]["after"];

export interface Drift {
  environment: string;
  recorded: string;
  live: string;
  /** When the recorded state was written, on GitLab's clock. */
  recordedAt: string;
}

/** The last state the history recorded for an environment, with the time it was recorded. */
export function lastRecorded(
  history: IssueHistory,
  environment: string,
): { state: Recorded; at: string } | undefined {
  for (let i = history.entries.length - 1; i >= 0; i--) {
    const entry = history.entries[i]!;
    const instance = entry.event.instances.find((x) => x.environment === environment);
    if (instance) return { state: instance.after, at: entry.event.at };
  }
  return undefined;
}

export function findDrift(
  history: IssueHistory,
  live: Map<string, FlagState>,
  flag: string,
): Drift[] {
  const drift: Drift[] = [];
  for (const [environment, state] of live) {
    const recorded = lastRecorded(history, environment);
    // Nothing recorded yet: no baseline to drift from (the first run records one).
    if (!recorded) continue;
    const before: FlagState = { name: flag, state: "off", ...recorded.state };
    if (!sameEffect(before, state)) {
      drift.push({
        environment,
        recorded: describeState(before),
        live: describeState(state),
        recordedAt: recorded.at,
      });
    }
  }
  return drift;
}

/** Two states that let the same actors in. "Never set" and "set false" are both off. */
export function sameEffect(a: FlagState, b: FlagState): boolean {
  if (isFullyOff(a) && isFullyOff(b)) return true;
  return (
    a.boolean === b.boolean &&
    a.percentageOfActors === b.percentageOfActors &&
    a.percentageOfTime === b.percentageOfTime &&
    sameSet(a.actors, b.actors) &&
    sameSet(a.featureGroups, b.featureGroups)
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}

export function describeDrift(d: Drift): string {
  return `${d.environment} is ${d.live}, but the last run recorded ${d.recorded} (at ${d.recordedAt}): someone changed it outside ff-rollout. Check who and why, then re-run with --force --reason "..." to continue from the live state, or roll back`;
}
