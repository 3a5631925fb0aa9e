// Walking the blocks in document order and collecting the task items with their section,
// nesting, text and `<details>` context. Headings count for sections only at the top level
// (a heading in a list or quote does not start a section), as the issue reads.
//
// Blocks are token indexes (see blocks.ts): a container's children run from the token after
// it to its close, and each child's close leads to the next.

import { type Blocks, Kind } from "./blocks.js";
import { codeValue, isCode, onlyBlankLinesBetween } from "./code-blocks.js";
import { type InlineContent, inlineReader } from "./inline-text.js";
import { collapse, detailsDelta, markerOf } from "./item-text.js";
import type { SourceLines } from "./source-lines.js";
import { findBox } from "./task-box.js";
import type { TaskItem } from "./types.js";

interface Walk {
  blocks: Blocks;
  lines: SourceLines;
  items: TaskItem[];
  /** Heading path as [level, text]; replaced (not mutated) on change so items can share it. */
  headingStack: Array<readonly [number, string]>;
  headingTexts: string[];
  detailsDepth: number;
  /** Inline content once read, by the index of its paragraph or heading. */
  reads: Array<InlineContent | undefined>;
  /** Reads inline content (see `inlineReader`). */
  read: (content: string) => InlineContent;
}

interface ListContext {
  depth: number;
  taskParent: number | null;
  context: string[];
  /** Plain list items entered since the last task item. */
  plain: string[];
}

const TOP: ListContext = { depth: -1, taskParent: null, context: [], plain: [] };

export function collectItems(blocks: Blocks, lines: SourceLines): TaskItem[] {
  const walk: Walk = {
    blocks,
    lines,
    items: [],
    headingStack: [],
    headingTexts: [],
    detailsDepth: 0,
    reads: new Array(blocks.count),
    read: inlineReader(blocks.env),
  };
  for (let at = 0; at < blocks.count; at = after(walk, at)) {
    if (blocks.kind[at] === Kind.heading) {
      const level = blocks.headingLevel[at] ?? 1;
      enterHeading(walk, level, collapse(inlineOf(walk, at).text));
    }
    visitBlock(walk, at, TOP);
  }
  return walk.items;
}

/** The index after block `at` and everything in it: its next sibling, or its parent's close. */
function after(walk: Walk, at: number): number {
  return (walk.blocks.close[at] ?? at) + 1;
}

function enterHeading(walk: Walk, level: number, text: string): void {
  const stack = walk.headingStack.filter(([l]) => l < level);
  stack.push([level, text]);
  walk.headingStack = stack;
  walk.headingTexts = stack.map(([, t]) => t);
}

function visitBlock(walk: Walk, at: number, list: ListContext): void {
  const { blocks } = walk;
  switch (blocks.kind[at]) {
    case Kind.htmlBlock:
      moveDetails(walk, blocks.content[at] ?? "");
      return;
    case Kind.paragraph:
      // Only inline HTML can open or close <details> here; skip reading paragraphs without it.
      if (/details/i.test(blocks.content[at] ?? "")) {
        for (const html of inlineOf(walk, at).html) moveDetails(walk, html);
      }
      return;
    case Kind.bulletList:
    case Kind.orderedList:
      visitList(walk, at, list);
      return;
    case Kind.blockquote:
      for (let child = at + 1; child < (blocks.close[at] ?? at); child = after(walk, child)) {
        visitBlock(walk, child, list);
      }
      return;
    default:
      return;
  }
}

function moveDetails(walk: Walk, html: string): void {
  walk.detailsDepth = Math.max(0, walk.detailsDepth + detailsDelta(html));
}

function visitList(walk: Walk, at: number, outer: ListContext): void {
  const { blocks } = walk;
  let lastIndex: number | null = null;
  for (let item = at + 1; item < (blocks.close[at] ?? at); item = after(walk, item)) {
    lastIndex = visitListItem(walk, item, outer);
  }
  // GitLab's rollback steps put the command in a code block right after "... command:".
  const last = lastIndex === null ? undefined : walk.items[lastIndex];
  const next = after(walk, at);
  if (last?.text.endsWith(":") && isCode(blocks, next)) {
    // Unless a link reference definition (which makes no token) stands between them.
    const from = blocks.endLine[at] ?? 0;
    if (onlyBlankLinesBetween(from, blocks.startLine[next] ?? from, walk.lines)) {
      last.code.push(codeValue(blocks, next, walk.lines));
    }
  }
}

/** Returns the index of the task item this list item is, or null for a plain list item. */
function visitListItem(walk: Walk, at: number, outer: ListContext): number | null {
  const { blocks } = walk;
  const end = blocks.close[at] ?? at;
  const depth = outer.depth + 1;
  const first = at + 1;
  const paragraph = first < end && blocks.kind[first] === Kind.paragraph;
  const content = paragraph ? (blocks.content[first] ?? "") : "";
  const box = paragraph
    ? findBox(content, blocks.startLine[first] ?? 0, blocks.endLine[first] ?? 0, walk.lines)
    : undefined;
  if (box) {
    // The box is not text: what follows it is read on its own, as GFM does. The white space
    // after it is left out too, which spares collapsing the text.
    let start = 3;
    while (isBlank(content.charCodeAt(start))) start++;
    walk.reads[first] = walk.read(content.slice(start));
  }
  const text = ownText(walk, at, end);
  let taskParent = outer.taskParent;
  let created: number | null = null;
  if (box) {
    const index = walk.items.length;
    walk.items.push({
      index,
      line: box.line + 1,
      boxOffset: box.offset,
      checked: box.state === "checked",
      inapplicable: box.state === "inapplicable",
      depth,
      parent: outer.taskParent,
      children: [],
      headings: walk.headingTexts,
      text,
      context: outer.context,
      plainAncestors: outer.plain,
      subItems: [],
      code: codeIn(walk, at, end),
      inDetails: walk.detailsDepth > 0,
      marker: markerIn(walk, at, end),
    });
    if (outer.taskParent !== null) walk.items[outer.taskParent]?.children.push(index);
    taskParent = index;
    created = index;
  } else if (outer.taskParent !== null && text !== "") {
    walk.items[outer.taskParent]?.subItems.push(text);
  }
  // The context of nested lists, made only for items that have one (most have not).
  let inner: ListContext | undefined;
  for (let child = first; child < end; child = after(walk, child)) {
    if (!opensContext(blocks.kind[child])) {
      visitBlock(walk, child, outer); // paragraphs and HTML do not read the list context
      continue;
    }
    inner ??= {
      depth,
      taskParent,
      context: appended(outer.context, text),
      plain: box ? [] : appended(outer.plain, text),
    };
    visitBlock(walk, child, inner);
  }
  return created;
}

/** Text of the item's own paragraphs and headings (not its sub-lists). */
function ownText(walk: Walk, at: number, end: number): string {
  let text = "";
  for (let child = at + 1; child < end; child = after(walk, child)) {
    const kind = walk.blocks.kind[child];
    if (kind !== Kind.paragraph && kind !== Kind.heading) continue;
    const part = inlineOf(walk, child).text;
    text = text === "" ? part : `${text} ${part}`;
  }
  return collapse(text);
}

/** Our marker in the item's own HTML blocks or in the inline HTML of its own paragraphs. */
function markerIn(walk: Walk, at: number, end: number): string | null {
  const { blocks } = walk;
  for (let child = at + 1; child < end; child = after(walk, child)) {
    const content = blocks.content[child] ?? "";
    if (blocks.kind[child] === Kind.htmlBlock) {
      const found = markerOf(content);
      if (found) return found;
    } else if (blocks.kind[child] === Kind.paragraph && content.includes("<")) {
      for (const html of inlineOf(walk, child).html) {
        const found = markerOf(html);
        if (found) return found;
      }
    }
  }
  return null;
}

function codeIn(walk: Walk, at: number, end: number): string[] {
  const code: string[] = [];
  for (let child = at + 1; child < end; child = after(walk, child)) {
    if (isCode(walk.blocks, child)) code.push(codeValue(walk.blocks, child, walk.lines));
  }
  return code;
}

/** The inline content of the paragraph or heading at `at`. */
function inlineOf(walk: Walk, at: number): InlineContent {
  let content = walk.reads[at];
  if (!content) {
    content = walk.read(walk.blocks.content[at] ?? "");
    walk.reads[at] = content;
  }
  return content;
}

/** Whether a block is a list or quote, whose items need the list context. */
function opensContext(kind: number | undefined): boolean {
  return kind === Kind.bulletList || kind === Kind.orderedList || kind === Kind.blockquote;
}

/** A copy of `list` with `value` at the end (items share their context arrays). */
function appended(list: readonly string[], value: string): string[] {
  const copy = list.slice();
  copy.push(value);
  return copy;
}

/** Space, tab or line feed (as a character code). */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10;
}
