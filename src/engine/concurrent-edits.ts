// Finds the edits a person made between our read of the description and our write of it.
//
// GitLab's REST API has no optimistic locking for descriptions (no lock_version), so a PUT
// replaces whatever was stored, including a person's edit that landed in the moment between our
// GET and our PUT. GitLab does leave a trace: every description change writes a system note
// (app/models/concerns/taskable.rb, app/services/system_notes/issuables_service.rb): "marked the
// checklist item **<source>** as completed|incomplete" for a toggle, "changed the description"
// for anything else. Reading the newest notes after our write tells us what we overwrote.
// Toggles can be re-applied exactly; other edits are reported, since the text is gone from the
// REST API (GitLab keeps it in the issue's description history, where a person can restore it).

import type { IssueRef } from "../config.js";
import type { IssueStore, Note } from "../gitlab/issues.js";

export type LostEdit =
  | { kind: "toggle"; author: string; at: string; source: string; checked: boolean }
  | { kind: "description"; author: string; at: string };

const TOGGLE = /^marked the checklist item \*\*(.*)\*\* as (completed|incomplete)$/s;
const PAGE = 50;

export interface OurWrite {
  /** `updated_at` of the issue as we read it. */
  readAt: string;
  /** `updated_at` of the issue as our PUT answered. */
  wroteAt: string;
  /** Sources of the items we ticked, as GitLab names them in its notes. */
  ticked: string[];
}

export async function findLostEdits(
  issues: IssueStore,
  ref: IssueRef,
  write: OurWrite,
): Promise<LostEdit[]> {
  const since = Date.parse(write.readAt);
  const until = Date.parse(write.wroteAt);
  const notes = await issues.recentNotes(ref, PAGE);
  const inWindow = notes.filter((n) => n.system && isDescriptionNote(n) && within(n, since, until));
  return withoutOurs(inWindow, write.ticked)
    .map((n): LostEdit => {
      const toggle = TOGGLE.exec(n.body);
      return toggle
        ? {
            kind: "toggle",
            author: n.author,
            at: n.createdAt,
            source: toggle[1]!,
            checked: toggle[2] === "completed",
          }
        : { kind: "description", author: n.author, at: n.createdAt };
    })
    .reverse(); // oldest first, so re-applying replays the person's order
}

function isDescriptionNote(note: Note): boolean {
  return TOGGLE.test(note.body) || note.body === "changed the description";
}

function within(note: Note, since: number, until: number): boolean {
  const at = Date.parse(note.createdAt);
  return at > since && at <= until;
}

/**
 * The window's notes minus the ones our own PUT wrote: one "as completed" note per item we
 * ticked (the newest such note for each, since ours came last in the window).
 */
function withoutOurs(notes: Note[], ticked: string[]): Note[] {
  const left = [...notes]; // newest first
  for (const source of ticked) {
    const i = left.findIndex((n) => {
      const m = TOGGLE.exec(n.body);
      return m !== null && m[2] === "completed" && m[1] === source;
    });
    if (i !== -1) left.splice(i, 1);
  }
  return left;
}
