// parseTaskList: the checkbox items of a rollout issue description, with source positions.
// Parsing is CommonMark (micromark via mdast-util-from-markdown) with the GFM task-list
// extension plus GitLab's `[~]`, so boxes in code blocks, HTML comments and HTML blocks are
// never items, and Markdown inside `<details>` is found when blank lines separate it from the
// tags, as GitLab renders it.

import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { collectItems, newWalkState } from "./collect-items.js";
import { splitIntoPieces } from "./split.js";
import { inapplicableTaskSyntax, taskBoxPositions } from "./task-syntax.js";
import type { TaskItem } from "./types.js";

const OPTIONS = {
  extensions: [gfmTaskListItem(), inapplicableTaskSyntax()],
  // taskBoxPositions comes last: its exit handlers replace the GFM ones for the box tokens.
  mdastExtensions: [gfmTaskListItemFromMarkdown(), taskBoxPositions()],
};

/** Above this size a description is parsed in pieces (see split.ts for why). */
const SPLIT_ABOVE = 32 * 1024;
const PIECE_SIZE = 8 * 1024;
/** A piece without any of these has no item, heading or details tag, and is not parsed. */
const MAY_MATTER = /\[[ xX~\t]\]|^ {0,3}#|^ {0,3}(?:=+|-+)[ \t]*\r?$|<\/?details/im;

let cache: { markdown: string; items: TaskItem[] } | undefined;

/**
 * The task items of `markdown` in document order. The result is cached for the last input
 * (the engine parses, matches and ticks the same text), so treat it as read-only.
 */
export function parseTaskList(markdown: string): TaskItem[] {
  if (cache?.markdown === markdown) return cache.items;
  const items = parseWith(markdown, markdown.length > SPLIT_ABOVE ? "pieces" : "whole");
  cache = { markdown, items };
  return items;
}

/** Exposed for tests: parse whole or in pieces regardless of size (no cache). */
export function parseWith(
  markdown: string,
  mode: "whole" | "pieces",
  pieceSize = PIECE_SIZE,
): TaskItem[] {
  const state = newWalkState();
  if (mode === "whole") {
    collectItems(fromMarkdown(markdown, OPTIONS), state);
    return state.items;
  }
  const { pieces, definitions } = splitIntoPieces(markdown, pieceSize);
  const suffix = definitions.length === 0 ? "" : `\n\n${definitions.join("\n")}\n`;
  for (const piece of pieces) {
    const text = markdown.slice(piece.start, piece.end);
    if (!MAY_MATTER.test(text)) continue;
    state.offset = piece.start;
    state.lineOffset = piece.line - 1;
    collectItems(fromMarkdown(text + suffix, OPTIONS), state);
  }
  return state.items;
}
