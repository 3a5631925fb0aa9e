// Keeps the flag's one status note up to date: created on the first phase run, edited in place
// after every later one, left alone when its text would not change (no notification noise).

import type { IssueRef } from "../config.js";
import type { IssueStore, Note } from "../gitlab/issues.js";
import type { AuditEvent } from "../report/marker.js";
import type { SafeMarkdown } from "../report/safe-markdown.js";
import { renderStatusNote } from "../report/status-note.js";
import type { IssueHistory } from "./history.js";

export async function writeStatusNote(
  issues: IssueStore,
  ref: IssueRef,
  flag: string,
  events: AuditEvent[],
  existing: Note | undefined,
  internal: boolean,
): Promise<"created" | "updated" | "unchanged"> {
  const body = statusNoteBody(flag, events);
  if (!existing) {
    await issues.createNote(ref, body, internal);
    return "created";
  }
  if (existing.body === body) return "unchanged";
  await issues.updateNote(ref, existing.id, body);
  return "updated";
}

function statusNoteBody(flag: string, events: AuditEvent[]): SafeMarkdown {
  // Stamped with the last event's time, so the same history always renders the same text.
  const updatedAt = events.at(-1)?.at ?? "1970-01-01T00:00:00.000Z";
  return renderStatusNote(flag, events, updatedAt);
}

/** The events the status note shows: the history's, `written` replacing its earlier event. */
export function statusEvents(
  history: IssueHistory,
  written?: { noteId: number; event: AuditEvent },
): AuditEvent[] {
  const events = history.entries.filter((e) => e.noteId !== written?.noteId).map((e) => e.event);
  if (written) events.push(written.event);
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The status note exists and reads as the history says (nothing to repair). */
export function statusNoteCurrent(flag: string, history: IssueHistory): boolean {
  if (history.entries.length === 0) return true; // nothing to show yet
  return history.statusNote?.body === statusNoteBody(flag, statusEvents(history));
}
