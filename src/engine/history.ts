// The rollout's history, rebuilt from the rollout issue alone: every audit note carries its event
// as a JSON marker, so the issue is the system of record and no other store is needed. Only notes
// by trusted authors count (trust.ts); a marker that does not parse to the schema is ignored,
// and the time of an event is the note's, on GitLab's clock, never the marker's own `at`.
// Markers from anyone else are kept aside so that `status` can show them. System notes
// (GitLab's own "marked the checklist item ..." lines) fill the notes list and are skipped.

import type { Note } from "../gitlab/issues.js";
import { hasLeaseMarker } from "../report/lease-note.js";
import { type AuditEvent, hasMarker, readMarker } from "../report/marker.js";
import { STATUS_NOTE_MARKER } from "../report/status-note.js";
import { hasWatchMarker, readWatchMarker, type WatchRecord } from "../report/watch-note.js";
import { noteTime, ours, type Trust, trusted } from "./trust.js";

export interface HistoryEntry {
  /** The event as its marker says, with `at` replaced by the note's time on GitLab's clock. */
  event: AuditEvent;
  noteId: number;
  /** When GitLab created the note: its clock, not the runner's. */
  noteCreatedAt: string;
  author: string;
}

/** A green watch's note: evidence that a step's soak was watched, never a phase run. */
export interface WatchEntry {
  record: WatchRecord;
  noteId: number;
  noteCreatedAt: string;
  author: string;
}

/** A note that looks like ours but does not count: its author is not trusted, or it is damaged. */
export interface IgnoredNote {
  noteId: number;
  author: string;
  createdAt: string;
  /** What it claimed, for people: "a global run (done)", "the status note", ... */
  claimed: string;
}

export interface IssueHistory {
  /** Phase runs of this flag, oldest first. */
  entries: HistoryEntry[];
  /**
   * Green watches, oldest first. Apart from `entries` on purpose: a watch changes nothing, so
   * what reads phase runs (soak, drift, ordering, status) must never see one.
   */
  watches: WatchEntry[];
  /** The status note this tool keeps up to date, when there is one (always our own note). */
  statusNote: Note | undefined;
  /** Notes carrying our markers that were not counted, oldest first. */
  ignored: IgnoredNote[];
  notes: Note[];
  /** The issues token's user: only its notes may be edited by this run. */
  me: string;
}

export function readHistory(notes: Note[], flag: string, trust: Trust): IssueHistory {
  const entries: HistoryEntry[] = [];
  const watches: WatchEntry[] = [];
  const ignored: IgnoredNote[] = [];
  let statusNote: Note | undefined;
  const ignore = (note: Note, claimed: string) =>
    ignored.push({ noteId: note.id, author: note.author, createdAt: note.createdAt, claimed });
  for (const note of notes) {
    if (note.system) continue;
    if (note.body.includes(STATUS_NOTE_MARKER(flag))) {
      // We may edit only our own note; someone else's lookalike is not the status note.
      if (ours(trust, note)) statusNote ??= note;
      else if (!trusted(trust, note)) ignore(note, `the status note of \`${flag}\``);
      continue;
    }
    if (hasLeaseMarker(note.body)) continue; // leases are read by lease.ts
    if (hasWatchMarker(note.body)) {
      const record = readWatchMarker(note.body);
      if (record && record.flag !== flag) continue;
      if (!trusted(trust, note)) ignore(note, "a watch of a soak");
      else if (!record) ignore(note, "a watch marker that does not parse");
      else
        watches.push({
          record,
          noteId: note.id,
          noteCreatedAt: note.createdAt,
          author: note.author,
        });
      continue;
    }
    if (!hasMarker(note.body)) continue;
    const event = readMarker(note.body);
    if (event && event.flag !== flag) continue;
    if (!trusted(trust, note)) {
      ignore(note, event ? `a ${event.phase} run (${event.outcome})` : "an unreadable marker");
      continue;
    }
    if (!event) {
      ignore(note, "a marker that does not parse");
      continue;
    }
    const at = noteTime(note);
    entries.push({
      event: { ...event, at },
      noteId: note.id,
      noteCreatedAt: note.createdAt,
      author: note.author,
    });
  }
  // Notes come oldest first; an edited note (a retried job) keeps its place by creation.
  entries.sort(
    (a, b) => Date.parse(a.noteCreatedAt) - Date.parse(b.noteCreatedAt) || a.noteId - b.noteId,
  );
  return { entries, watches, statusNote, ignored, notes, me: trust.me };
}

/** The latest event of a phase, if it ever ran (and changed or verified something). */
export function lastRun(history: IssueHistory, phase: string): HistoryEntry | undefined {
  for (let i = history.entries.length - 1; i >= 0; i--) {
    if (history.entries[i]!.event.phase === phase) return history.entries[i];
  }
  return undefined;
}
