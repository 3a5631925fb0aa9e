// A change that could not be recorded is recorded by the next run. When a run's flag write
// succeeded but its audit note did not (the issues API failed in between), the flag is at that
// run's "after" and no note says so: the next run would see drift, or "nothing needed
// changing". Such a run leaves its lease note behind (lease.ts), which names its job and the
// instances it was about to change; an instance it named whose live state differs from the last
// recorded one was changed by that run. The next run records that change as the earlier job's,
// in a note of its own, before doing anything else.

import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import type { AuditEvent } from "../report/marker.js";
import { compactState } from "../report/note.js";
import { lastRecorded, sameEffect } from "./drift.js";
import type { IssueHistory } from "./history.js";
import type { Lease } from "./lease.js";

export interface Unrecorded {
  lease: Lease;
  /** The earlier run's change as an event; `at` is its lease's time (a lower bound). */
  event: AuditEvent;
}

export function findUnrecorded(
  abandoned: Lease[],
  history: IssueHistory,
  live: Map<string, FlagState>,
  flag: string,
): Unrecorded[] {
  const claimed = new Set<string>();
  const found: Unrecorded[] = [];
  // Newest first: the live state is the last writer's.
  for (const lease of [...abandoned].sort((a, b) => b.note.id - a.note.id)) {
    const instances = lease.info.instances.flatMap((i) => {
      const now = live.get(i.environment);
      if (!now || claimed.has(i.environment)) return [];
      const last = lastRecorded(history, i.environment);
      // A note written after the lease was taken accounts for the instance from then on.
      if (last && Date.parse(last.at) >= Date.parse(lease.note.createdAt)) return [];
      const was: FlagState = { name: flag, state: "off", ...(last?.state ?? i.before) };
      if (sameEffect(was, now)) return [];
      claimed.add(i.environment);
      return [
        {
          environment: i.environment,
          status: "changed" as const,
          before: i.before,
          after: compactState(now),
          applied: [`${describeState(now)} (recorded by a later run)`],
        },
      ];
    });
    if (instances.length === 0) continue;
    const { info } = lease;
    found.push({
      lease,
      event: {
        v: 1,
        kind: "phase",
        phase: info.phase,
        flag,
        at: lease.note.createdAt,
        outcome: "done",
        run: info.run,
        ...(info.by ? { by: info.by } : {}),
        ...(info.job ? { job: info.job } : {}),
        ...(info.pipeline ? { pipeline: info.pipeline } : {}),
        instances,
      },
    });
  }
  return found.reverse();
}

/** The history with the unrecorded changes in it, as if their notes had been written. */
export function withUnrecorded(history: IssueHistory, found: Unrecorded[]): IssueHistory {
  if (found.length === 0) return history;
  const entries = [
    ...history.entries,
    ...found.map((u) => ({
      event: u.event,
      noteId: u.lease.note.id,
      noteCreatedAt: u.lease.note.createdAt,
      author: u.lease.note.author,
    })),
  ].sort(
    (a, b) => Date.parse(a.noteCreatedAt) - Date.parse(b.noteCreatedAt) || a.noteId - b.noteId,
  );
  return { ...history, entries };
}
