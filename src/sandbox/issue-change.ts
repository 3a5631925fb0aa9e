// Applying a change to an issue the way Issues::UpdateService does, with the system notes
// GitLab still writes as notes (title, description, checklist items, due date). Label,
// milestone and state changes are resource events on GitLab, not notes, so they add none.

import type { InstanceState, IssueRecord, UserRecord } from "./state.js";
import { updatedTasks } from "./tasks.js";

export interface IssueChange {
  title?: string;
  description?: string;
  stateEvent?: "close" | "reopen";
  /** Replaces the labels. */
  labels?: string[];
  addLabels?: string[];
  /** Names, or "all". */
  removeLabels?: string[] | "all";
  milestoneId?: number | null;
  dueDate?: string | null;
  confidential?: boolean;
  discussionLocked?: boolean;
  assigneeIds?: number[];
}

/** Gitlab::Diff::InlineDiffMarkdownMarker, reduced to one changed span per side. */
function titleChangeNote(before: string, after: string): string {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix])
    prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  const mark = (text: string, open: string, close: string) => {
    const middle = text.slice(prefix, text.length - suffix);
    return `${text.slice(0, prefix)}${middle === "" ? "" : `${open}${middle}${close}`}${text.slice(text.length - suffix)}`;
  };
  return `changed title from **${mark(before, "{-", "-}")}** to **${mark(after, "{+", "+}")}**`;
}

function longDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Applies the change; returns whether anything changed (then updated_at has moved). */
export function applyIssueChange(
  state: InstanceState,
  issue: IssueRecord,
  actor: UserRecord,
  change: IssueChange,
): boolean {
  const before = { ...issue, labels: [...issue.labels], assigneeIds: [...issue.assigneeIds] };
  const notes: string[] = [];

  if (change.title !== undefined && change.title !== issue.title) {
    notes.push(titleChangeNote(issue.title, change.title));
    issue.title = change.title;
  }
  if (change.description !== undefined && change.description !== issue.description) {
    const toggled = updatedTasks(issue.description, change.description);
    // CommonSystemNotesService: checklist notes when items were ticked, else one generic note.
    if (toggled.length > 0) {
      for (const task of toggled) {
        notes.push(
          `marked the checklist item **${task.source}** as ${task.complete ? "completed" : "incomplete"}`,
        );
      }
    } else {
      notes.push("changed the description");
    }
    issue.description = change.description;
  }

  let labels = change.labels ? [...new Set(change.labels)] : [...issue.labels];
  for (const name of change.addLabels ?? []) if (!labels.includes(name)) labels.push(name);
  if (change.removeLabels === "all") labels = [];
  else if (change.removeLabels)
    labels = labels.filter((name) => !change.removeLabels?.includes(name));
  for (const name of labels) state.ensureLabel(issue.projectId, name);
  if (!sameList([...labels].sort(), [...issue.labels].sort())) issue.labels = labels;

  if (change.milestoneId !== undefined) issue.milestoneId = change.milestoneId;
  if (change.dueDate !== undefined && change.dueDate !== issue.dueDate) {
    notes.push(
      change.dueDate === null
        ? "removed due date"
        : `changed due date to ${longDate(change.dueDate)}`,
    );
    issue.dueDate = change.dueDate;
  }
  if (change.confidential !== undefined) issue.confidential = change.confidential;
  if (change.discussionLocked !== undefined) issue.discussionLocked = change.discussionLocked;
  if (change.assigneeIds !== undefined) issue.assigneeIds = [...new Set(change.assigneeIds)];

  const at = state.stamp();
  if (change.stateEvent === "close" && issue.state === "opened") {
    issue.state = "closed";
    issue.closedAt = at;
    issue.closedById = actor.id;
  } else if (change.stateEvent === "reopen" && issue.state === "closed") {
    issue.state = "opened";
    issue.closedAt = null;
    issue.closedById = null;
  }

  const changed =
    issue.title !== before.title ||
    issue.description !== before.description ||
    issue.state !== before.state ||
    !sameList(issue.labels, before.labels) ||
    issue.milestoneId !== before.milestoneId ||
    issue.dueDate !== before.dueDate ||
    issue.confidential !== before.confidential ||
    issue.discussionLocked !== before.discussionLocked ||
    !sameList(issue.assigneeIds, before.assigneeIds);
  if (!changed) return false;
  issue.updatedAt = at;
  for (const body of notes) state.addNote(issue, actor.id, body, { system: true, at });
  return true;
}
