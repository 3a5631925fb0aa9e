// Oracle (see parse.ts): walking an mdast tree in document order and collecting its task items
// with their section, nesting, text and `<details>` context. Unchanged from the micromark-based
// production parser it was, so that it still says what that parser returned.

import type { List, ListItem, Nodes, Root, RootContent } from "mdast";
import type { TaskItem } from "../../../src/checklist/types.js";
import { collapse, detailsDelta, inlineText, markerIn, ownText } from "./item-text.js";
import { boxOf } from "./task-syntax.js";

export interface WalkState {
  items: TaskItem[];
  /** Heading path as [level, text]; replaced (not mutated) on change so items can share it. */
  headingStack: Array<readonly [number, string]>;
  headingTexts: string[];
  detailsDepth: number;
  /** Where the tree's text starts in the whole description. */
  offset: number;
  lineOffset: number;
}

export function newWalkState(): WalkState {
  return {
    items: [],
    headingStack: [],
    headingTexts: [],
    detailsDepth: 0,
    offset: 0,
    lineOffset: 0,
  };
}

interface ListContext {
  depth: number;
  taskParent: number | null;
  context: string[];
  /** Plain list items entered since the last task item. */
  plain: string[];
}

const TOP: ListContext = { depth: -1, taskParent: null, context: [], plain: [] };

export function collectItems(root: Root, state: WalkState): void {
  for (const [i, child] of root.children.entries()) {
    if (child.type === "heading")
      enterHeading(state, child.depth, collapse(inlineText(child.children)));
    visitBlock(child, root.children[i + 1], TOP, state);
  }
}

function enterHeading(state: WalkState, level: number, text: string): void {
  const stack = state.headingStack.filter(([l]) => l < level);
  stack.push([level, text]);
  state.headingStack = stack;
  state.headingTexts = stack.map(([, t]) => t);
}

function visitBlock(
  node: RootContent,
  next: RootContent | undefined,
  list: ListContext,
  state: WalkState,
): void {
  switch (node.type) {
    case "html":
      state.detailsDepth = Math.max(0, state.detailsDepth + detailsDelta(node.value));
      return;
    case "paragraph":
      for (const inline of node.children) {
        if (inline.type === "html") {
          state.detailsDepth = Math.max(0, state.detailsDepth + detailsDelta(inline.value));
        }
      }
      return;
    case "list":
      visitList(node, next, list, state);
      return;
    case "blockquote":
      for (const [i, child] of node.children.entries()) {
        visitBlock(child, node.children[i + 1], list, state);
      }
      return;
    default:
      return;
  }
}

function visitList(
  node: List,
  next: RootContent | undefined,
  outer: ListContext,
  state: WalkState,
): void {
  let lastIndex: number | null = null;
  for (const item of node.children) lastIndex = visitListItem(item, outer, state);
  // GitLab's rollback steps put the command in a code block right after "... command:".
  const last = lastIndex === null ? undefined : state.items[lastIndex];
  if (next?.type === "code" && last?.text.endsWith(":")) last.code.push(next.value);
}

/** Returns the index of the task item this list item is, or null for a plain list item. */
function visitListItem(node: ListItem, outer: ListContext, state: WalkState): number | null {
  const depth = outer.depth + 1;
  const text = ownText(node.children);
  const box = boxOf(node.data);
  let taskParent = outer.taskParent;
  let created: number | null = null;
  if (box) {
    const index = state.items.length;
    state.items.push({
      index,
      line: box.line + state.lineOffset,
      boxOffset: box.offset + state.offset,
      checked: box.state === "checked",
      inapplicable: box.state === "inapplicable",
      depth,
      parent: outer.taskParent,
      children: [],
      headings: state.headingTexts,
      text,
      context: outer.context,
      plainAncestors: outer.plain,
      subItems: [],
      code: codeIn(node.children),
      inDetails: state.detailsDepth > 0,
      marker: markerIn(node.children),
    });
    if (outer.taskParent !== null) state.items[outer.taskParent]?.children.push(index);
    taskParent = index;
    created = index;
  } else if (outer.taskParent !== null && text !== "") {
    state.items[outer.taskParent]?.subItems.push(text);
  }
  const inner: ListContext = {
    depth,
    taskParent,
    context: [...outer.context, text],
    plain: box ? [] : [...outer.plain, text],
  };
  node.children.forEach((child, i) => {
    const next = node.children[i + 1];
    if (child.type === "list") visitList(child, next, inner, state);
    else visitBlock(child, next, inner, state);
  });
  return created;
}

function codeIn(children: readonly Nodes[]): string[] {
  const code: string[] = [];
  for (const child of children) if (child.type === "code") code.push(child.value);
  return code;
}
