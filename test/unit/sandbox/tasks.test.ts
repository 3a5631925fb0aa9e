import { describe, expect, it } from "vitest";
import { taskCompletion, tasksOf, updatedTasks } from "../../../src/sandbox/tasks.js";

describe("checklist items (Taskable)", () => {
  const text = [
    "- [ ] one",
    "* [x] two",
    "1. [X] three",
    "> - [ ] quoted",
    "- [~] skipped",
    "[ ] not in a list",
  ].join("\n");

  it("reads items in lists and quotes, with their text trimmed", () => {
    expect(tasksOf(text).map((t) => [t.source, t.complete])).toEqual([
      ["one", false],
      ["two", true],
      ["three", true],
      ["quoted", false],
      ["skipped", false],
    ]);
    expect(taskCompletion(text)).toEqual({ count: 4, completed: 2 });
  });

  it("an item counts as toggled when its text is unchanged at the same position", () => {
    const after = text.replace("- [ ] one", "- [x] one").replace("* [x] two", "* [ ] two renamed");
    expect(updatedTasks(text, after).map((t) => [t.source, t.complete])).toEqual([["one", true]]);
  });
});
