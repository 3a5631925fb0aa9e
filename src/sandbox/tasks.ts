// Checklist (task list) items as GitLab's Taskable concern reads them from a description
// (app/models/concerns/taskable.rb): used for task_completion_status and for the system note
// written when an update ticks or unticks an item.

export interface TaskItem {
  /** The item's text after the checkbox, trimmed (TaskList::Item#source). */
  source: string;
  complete: boolean;
  /** `[~]`: not applicable; neither complete nor counted. */
  inapplicable: boolean;
}

// Taskable::ITEM_PATTERN: optional blockquote markers, one or more list markers, a checkbox,
// then whitespace and text. Like Ruby's, `^` is a line start and `\s` may cross lines.
const ITEM_PATTERN =
  /^(?:(?:>\s{0,4})*)((?:\s*(?:[-+*]|(?:\d+[.)])))+)\s+(\[\s\]|\[[xX]\]|\[~\])(\s.+)/gm;

export function tasksOf(content: string): TaskItem[] {
  const items: TaskItem[] = [];
  for (const match of content.matchAll(ITEM_PATTERN)) {
    const box = match[2] ?? "[ ]";
    items.push({
      source: (match[3] ?? "").trim(),
      complete: box === "[x]" || box === "[X]",
      inapplicable: box === "[~]",
    });
  }
  return items;
}

export function taskCompletion(content: string): { count: number; completed: number } {
  const items = tasksOf(content).filter((item) => !item.inapplicable);
  return { count: items.length, completed: items.filter((item) => item.complete).length };
}

/** Taskable#task_status: "1 of 3 checklist items completed". */
export function taskStatus(completion: { count: number; completed: number }): string {
  const noun = completion.count === 1 ? "checklist item" : "checklist items";
  return `${completion.completed} of ${completion.count} ${noun} completed`;
}

/**
 * Taskable.get_updated_tasks: items compared by position; an item counts as toggled when its
 * text is unchanged and its checkbox flipped.
 */
export function updatedTasks(oldContent: string, newContent: string): TaskItem[] {
  const before = tasksOf(oldContent);
  return tasksOf(newContent).filter((item, index) => {
    const old = before[index];
    return (
      old !== undefined &&
      old.source === item.source &&
      !old.inapplicable &&
      !item.inapplicable &&
      old.complete !== item.complete
    );
  });
}
