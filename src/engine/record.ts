// After the flag writes: the audit note (or this job's earlier note, merged), then the status
// note. A failure here after flags changed must not hide what changed: it is logged and the
// flag outcome still reaches the user. Also the notes written for earlier runs whose own note
// failed (unrecorded.ts), and the status note's repair on a run that changes nothing.

import type { AuditEvent } from "../report/marker.js";
import { renderNote } from "../report/note.js";
import type { SoakWindow } from "../report/soak-window.js";
import { buildEvent, writeAuditNote } from "./audit-note.js";
import type { HistoryEntry, IssueHistory } from "./history.js";
import type { Ports } from "./ports.js";
import { statusEvents, writeStatusNote } from "./status-note.js";
import { noteTime } from "./trust.js";
import type { InstanceOutcome, Plan } from "./types.js";
import type { Unrecorded } from "./unrecorded.js";

export interface RecordInput {
  plan: Plan;
  outcomes: InstanceOutcome[];
  /** Issue writes done (milestone, links, comments), described for people. */
  issueDone: string[];
  history: IssueHistory;
  reason?: string;
  forced: boolean;
  /** The run stopped on an error after these writes. */
  failed: boolean;
  /** This run's id, shared with its lease note (rollback takes no lease). */
  run?: string;
  /** advance's judgement of the soak before this step, recorded in the note. */
  soakWindow?: SoakWindow;
}

export async function recordRun(
  ports: Ports,
  input: RecordInput,
  /** Runs alongside the status note, once the audit note is written (the lease's release). */
  recorded?: () => Promise<void>,
): Promise<{ id: number; edited: boolean }> {
  const { config, logger } = ports;
  const event = buildEvent({
    plan: input.plan,
    outcomes: input.outcomes,
    context: ports.context,
    at: ports.now(),
    forcedReason: input.forced ? input.reason : undefined,
    reason: input.reason,
    issueDone: input.issueDone,
    failed: input.failed,
    run: input.run,
    soakWindow: input.soakWindow,
  });
  const written = await writeAuditNote(
    ports.issues,
    config.rolloutIssue,
    event,
    input.plan.summary,
    input.history,
    ports.context,
    config.notes.internal,
  );
  logger.info(
    `${written.edited ? "Updated" : "Posted"} the audit note: ${config.rolloutIssue.webUrl}#note_${written.note.id}`,
  );
  // The event's time as later runs will read it: the note's, on GitLab's clock.
  const recordedEvent = { ...written.event, at: noteTime(written.note) };
  const status = reconcileStatusNote(ports, input.history, {
    noteId: written.note.id,
    event: recordedEvent,
  }).catch((error) => {
    // The audit note holds the record; the status note is derived from it, and the next run
    // of any phase rebuilds it.
    logger.warn(
      `could not update the status note: ${(error as Error).message}. The audit note has the record; the next run repairs the status note.`,
    );
  });
  await Promise.all([status, recorded?.()]);
  return { id: written.note.id, edited: written.edited };
}

/**
 * Writes the note an earlier run could not: its change, as its job's, said to be recorded late
 * by this run. Returns the history with the real note in place of the lease's stand-in.
 */
export async function recordUnrecorded(
  ports: Ports,
  history: IssueHistory,
  found: Unrecorded[],
): Promise<IssueHistory> {
  const { config, logger, context } = ports;
  let entries = history.entries;
  for (const { lease, event } of found) {
    const late: AuditEvent = {
      ...event,
      recordedBy: {
        ...(context.job ? { job: context.job } : {}),
        ...(context.pipeline ? { pipeline: context.pipeline } : {}),
        ...(context.user ? { by: context.user } : {}),
      },
    };
    // Plain words: the note's own provenance line links the earlier job.
    const who = lease.info.job ? `job #${lease.info.job.id}` : "an earlier run";
    const title = `changed by ${who}, whose own note failed; recorded by a later run`;
    const note = await ports.issues.createNote(
      config.rolloutIssue,
      renderNote(late, title),
      config.notes.internal,
    );
    logger.info(
      `Recorded the change of an earlier run whose note failed: ${config.rolloutIssue.webUrl}#note_${note.id}`,
    );
    const entry: HistoryEntry = {
      event: { ...late, at: note.createdAt },
      noteId: note.id,
      noteCreatedAt: note.createdAt,
      author: note.author,
    };
    entries = [...entries.filter((e) => e.noteId !== lease.note.id), entry];
  }
  return { ...history, entries };
}

/**
 * The status note as the history says it should read: created, edited, or left alone when its
 * text would not change. Run on every phase run, so a retry repairs a note an earlier run could
 * not update. `written` is this run's note, which replaces its earlier event when edited.
 */
export async function reconcileStatusNote(
  ports: Ports,
  history: IssueHistory,
  written?: { noteId: number; event: AuditEvent },
): Promise<void> {
  const { config, logger } = ports;
  const events = statusEvents(history, written);
  if (events.length === 0 && !history.statusNote) return;
  const outcome = await writeStatusNote(
    ports.issues,
    config.rolloutIssue,
    config.flag,
    events,
    history.statusNote,
    config.notes.internal,
  );
  if (outcome !== "unchanged")
    logger.info(`${outcome === "created" ? "Posted" : "Updated"} the status note`);
}
