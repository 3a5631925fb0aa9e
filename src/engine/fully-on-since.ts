// When production became fully on, per the audit notes: the last recorded production change, if
// it turned the flag fully on. Used by release (the one-day wait) and by readiness (the one-day
// item, staleness). Call it only when production is fully on now.

import type { IssueHistory } from "./history.js";

/** "unknown" when no recorded run made production fully on last (someone did it by hand). */
export function becameFullyOn(
  history: IssueHistory,
  production: ReadonlySet<string>,
): Date | "unknown" {
  for (let i = history.entries.length - 1; i >= 0; i--) {
    const { event } = history.entries[i]!;
    const change = event.instances.find(
      (x) => production.has(x.environment) && x.applied.length > 0,
    );
    if (!change) continue;
    const on = change.after.boolean || change.after.percentageOfTime >= 100;
    return on ? new Date(event.at) : "unknown";
  }
  return "unknown";
}
