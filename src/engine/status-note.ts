// Keeps the flag's one status note up to date: created on the first phase run, edited in place
// after every later one, left alone when its text would not change (no notification noise).

import type { IssueRef } from "../config.js";
import type { IssueStore, Note } from "../gitlab/issues.js";
import type { AuditEvent } from "../report/marker.js";
import { renderStatusNote } from "../report/status-note.js";

export async function writeStatusNote(
  issues: IssueStore,
  ref: IssueRef,
  flag: string,
  events: AuditEvent[],
  existing: Note | undefined,
  internal: boolean,
): Promise<"created" | "updated" | "unchanged"> {
  const updatedAt = events.at(-1)?.at ?? new Date().toISOString();
  const body = renderStatusNote(flag, events, updatedAt);
  if (!existing) {
    await issues.createNote(ref, body, internal);
    return "created";
  }
  if (existing.body === body) return "unchanged";
  await issues.updateNote(ref, existing.id, body);
  return "updated";
}
