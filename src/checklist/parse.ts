// parseTaskList: the checkbox items of a rollout issue description, with source positions.
// Parsing is CommonMark (markdown-it) with GFM task-list items plus GitLab's `[~]`, so boxes in
// code blocks, HTML comments and HTML blocks are never items, and Markdown inside `<details>` is
// found when blank lines separate it from the tags, as GitLab renders it.
//
// It runs in linear time: a 1 MiB description (GitLab's limit) parses in a few tens of
// milliseconds. test/unit/checklist/differential.property.test.ts holds it to the earlier
// micromark-based parser (test/helpers/checklist-oracle/) on generated descriptions.

import { parseBlocks } from "./blocks.js";
import { collectItems } from "./collect-items.js";
import { SourceLines } from "./source-lines.js";
import type { TaskItem } from "./types.js";

let cache: { markdown: string; items: TaskItem[] } | undefined;

/**
 * The task items of `markdown` in document order. The result is cached for the last input
 * (the engine parses, matches and ticks the same text), so treat it as read-only.
 */
export function parseTaskList(markdown: string): TaskItem[] {
  if (cache?.markdown === markdown) return cache.items;
  const items = parseUncached(markdown);
  cache = { markdown, items };
  return items;
}

/** Exposed for tests and the benchmark: a fresh parse, bypassing the cache. */
export function parseUncached(markdown: string): TaskItem[] {
  return collectItems(parseBlocks(markdown), new SourceLines(markdown));
}
