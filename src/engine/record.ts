// After the flag writes: the audit note (or this job's earlier note, merged), then the status
// note. A failure here after flags changed must not hide what changed: it is logged and the
// flag outcome still reaches the user.

import type { Logger } from "../report/logger.js";
import { buildEvent, writeAuditNote } from "./audit-note.js";
import type { IssueHistory } from "./history.js";
import type { Ports } from "./ports.js";
import { writeStatusNote } from "./status-note.js";
import type { InstanceOutcome, Plan } from "./types.js";

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
}

export async function recordRun(
  ports: Ports,
  input: RecordInput,
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
  });
  const written = await writeAuditNote(
    ports.issues,
    config.rolloutIssue,
    event,
    input.plan.summary,
    input.history.entries,
    ports.context,
    config.notes.internal,
  );
  logger.info(
    `${written.edited ? "Updated" : "Posted"} the audit note: ${config.rolloutIssue.webUrl}#note_${written.note.id}`,
  );
  await updateStatusNote(ports, input.history, written, logger);
  return { id: written.note.id, edited: written.edited };
}

async function updateStatusNote(
  ports: Ports,
  history: IssueHistory,
  written: Awaited<ReturnType<typeof writeAuditNote>>,
  logger: Logger,
): Promise<void> {
  const { config } = ports;
  // The events as they stand now: an edited note replaces its earlier event in place.
  const events = history.entries.filter((e) => e.noteId !== written.note.id).map((e) => e.event);
  events.push(written.event);
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
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
