// The test oracle: the checklist parser ff-rollout used before markdown-it, kept so that a
// differential test can hold the production parser (src/checklist/parse.ts) to it. It is
// CommonMark by micromark (via mdast-util-from-markdown) with the GFM task-list extension plus
// GitLab's `[~]`: a second, independent CommonMark implementation. It is slow (superlinear on
// big documents), which is why production no longer uses it; tests feed it small documents.

import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import type { TaskItem } from "../../../src/checklist/types.js";
import { collectItems, newWalkState } from "./collect-items.js";
import { inapplicableTaskSyntax, taskBoxPositions } from "./task-syntax.js";

const OPTIONS = {
  extensions: [gfmTaskListItem(), inapplicableTaskSyntax()],
  // taskBoxPositions comes last: its exit handlers replace the GFM ones for the box tokens.
  mdastExtensions: [gfmTaskListItemFromMarkdown(), taskBoxPositions()],
};

/** The task items of `markdown` in document order, as the micromark parser finds them. */
export function oracleParseTaskList(markdown: string): TaskItem[] {
  const state = newWalkState();
  collectItems(fromMarkdown(markdown, OPTIONS), state);
  return state.items;
}
