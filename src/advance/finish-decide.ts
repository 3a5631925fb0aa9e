// What the scheduled `advance` may finish (finish_by_schedule), decided without I/O from the
// trusted history alone: release and cleanup are each played twice by a person, once to open a
// merge request and once, after it is merged (and in the release, or deployed), to finish. The
// schedule takes only the second press, and only of a phase a person started: never one nobody
// pressed, and never after a rollback that no later global run answered.

import type { Config } from "../config.js";
import type { HistoryEntry, IssueHistory } from "../engine/history.js";
import { OPENED_MR_NAME } from "../engine/release-facts.js";

/** The template's order: the optional release path first, then the cleanup. */
export const FINISHABLE = ["release", "cleanup"] as const;
export type Finishable = (typeof FINISHABLE)[number];

/** Where a phase stands for the schedule. */
export type FinishStatus =
  | { kind: "not-started" }
  | { kind: "started"; start: HistoryEntry }
  | { kind: "finished"; at: string }
  /** A rollback after a person started it: a person decides (advance's rule, decide.ts). */
  | { kind: "rolled-back"; start: HistoryEntry; at: string };

export interface FinishDecision {
  /** When the cleanup deleted the flag on every instance: nothing is left for the schedule. */
  removed?: string;
  statuses: Record<Finishable, FinishStatus>;
  /** The phases to try this tick, in the template's order. */
  due: Finishable[];
}

export function decideFinish(
  history: IssueHistory,
  environments: Pick<Config["environments"][number], "name">[],
): FinishDecision {
  const statuses = {
    release: finishStatus(history, "release", environments),
    cleanup: finishStatus(history, "cleanup", environments),
  };
  const removed = flagRemoved(history.entries, environments);
  const due = removed ? [] : FINISHABLE.filter((p) => statuses[p].kind === "started");
  return { ...(removed ? { removed: removed.event.at } : {}), statuses, due };
}

export function finishStatus(
  history: IssueHistory,
  phase: Finishable,
  environments: Pick<Config["environments"][number], "name">[],
): FinishStatus {
  const entries = history.entries;
  const startIndex = entries.findIndex((e) => openedByPerson(e, phase));
  if (startIndex < 0) return { kind: "not-started" };
  const start = entries[startIndex]!;
  const after = entries.slice(startIndex + 1);
  const finish =
    phase === "cleanup"
      ? flagRemoved(after, environments)
      : after.find((e) => e.event.phase === "release" && e.event.outcome === "done");
  if (finish) return { kind: "finished", at: finish.event.at };
  const rollback = after.findLastIndex((e) => e.event.phase === "rollback");
  if (rollback >= 0) {
    const answered = after
      .slice(rollback + 1)
      .some((e) => e.event.phase === "global" && e.event.outcome === "done");
    if (!answered) return { kind: "rolled-back", start, at: after[rollback]!.event.at };
  }
  return { kind: "started", start };
}

/**
 * A person's run (not the schedule's) that opened the phase's merge request. "partial" counts:
 * the MR was opened even if a later write of the same run failed. Release's later recorded runs
 * are its steps (it writes nothing else once the MR exists), so a "done" one after this finished it.
 */
function openedByPerson(entry: HistoryEntry, phase: Finishable): boolean {
  const { event } = entry;
  return (
    event.phase === phase &&
    event.trigger === undefined &&
    (event.outcome === "done" || event.outcome === "partial") &&
    (event.issue ?? []).some((done) => done.startsWith(`opened ${OPENED_MR_NAME[phase]} `))
  );
}

/** The cleanup run that left the flag deleted on every configured instance, if there is one. */
function flagRemoved(
  entries: HistoryEntry[],
  environments: Pick<Config["environments"][number], "name">[],
): HistoryEntry | undefined {
  return entries.find(
    (e) =>
      e.event.phase === "cleanup" &&
      (e.event.outcome === "done" || e.event.outcome === "unchanged") &&
      environments.every((env) =>
        e.event.instances.some(
          (i) => i.environment === env.name && i.status !== "failed" && !i.after.exists,
        ),
      ),
  );
}

/** One line per phase for the log: who started it and where it stands. */
export function describeStatus(phase: Finishable, status: FinishStatus): string {
  switch (status.kind) {
    case "not-started":
      return `${phase}: not started (a person plays ${phase} to open its merge request; the schedule finishes it)`;
    case "finished":
      return `${phase}: finished at ${status.at}`;
    case "rolled-back":
      return `${phase}: started by ${startedBy(status.start)} at ${status.start.event.at}, but production was rolled back at ${status.at}: the schedule does not finish it; a person plays ${phase} once the flag is on for everyone again (or runs global again, and the schedule goes on)`;
    case "started":
      return `${phase}: started by ${startedBy(status.start)} at ${status.start.event.at}`;
  }
}

function startedBy(entry: HistoryEntry): string {
  return entry.event.by ?? entry.author;
}
