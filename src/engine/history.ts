// The rollout's history, rebuilt from the rollout issue alone: every audit note carries its event
// as a JSON marker, so the issue is the system of record and no other store is needed. System
// notes (GitLab's own "marked the checklist item ..." lines) fill the notes list and are skipped.

import type { Note } from "../gitlab/issues.js";
import { type AuditEvent, readMarker } from "../report/marker.js";
import { STATUS_NOTE_MARKER } from "../report/status-note.js";

export interface HistoryEntry {
  event: AuditEvent;
  noteId: number;
  /** When GitLab created the note: its clock, not the runner's. */
  noteCreatedAt: string;
}

export interface IssueHistory {
  /** Phase runs of this flag, oldest first. */
  entries: HistoryEntry[];
  /** The status note this tool keeps up to date, when there is one. */
  statusNote: Note | undefined;
  notes: Note[];
}

export function readHistory(notes: Note[], flag: string): IssueHistory {
  const entries: HistoryEntry[] = [];
  let statusNote: Note | undefined;
  for (const note of notes) {
    if (note.system) continue;
    if (note.body.includes(STATUS_NOTE_MARKER(flag))) {
      statusNote ??= note;
      continue;
    }
    const event = readMarker(note.body);
    if (event && event.flag === flag) {
      entries.push({ event, noteId: note.id, noteCreatedAt: note.createdAt });
    }
  }
  // Notes come oldest first; an edited note (a retried job) keeps its place by creation.
  entries.sort(
    (a, b) => Date.parse(a.noteCreatedAt) - Date.parse(b.noteCreatedAt) || a.noteId - b.noteId,
  );
  return { entries, statusNote, notes };
}

/** The latest event of a phase, if it ever ran (and changed or verified something). */
export function lastRun(history: IssueHistory, phase: string): HistoryEntry | undefined {
  for (let i = history.entries.length - 1; i >= 0; i--) {
    if (history.entries[i]!.event.phase === phase) return history.entries[i];
  }
  return undefined;
}
