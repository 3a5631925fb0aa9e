// Finding the task box of a list item: `[ ]`, `[x]`, `[X]` (GFM) or GitLab's `[~]`
// ("inapplicable", 15.3+, lib/banzai/filter/task_list_filter.rb) at the very start of the
// item's first paragraph, where the paragraph is the item's first child; and its exact offset
// in the original text, so that ticking can flip that one character.
//
// markdown-it reports paragraphs by line only, with their text trimmed of spaces and tabs, so
// the box is located on the paragraph's first source line from that line's end (the
// paragraph's first line is the tail of the source line). The rules after the box are GFM's (micromark's task-list
// extension): a line ending, or spaces or tabs followed by more text.

import type { SourceLines } from "./source-lines.js";

export type BoxState = "checked" | "unchecked" | "inapplicable";

export interface Box {
  /** Offset of the character between the brackets. */
  offset: number;
  /** 0-based line of the box. */
  line: number;
  state: BoxState;
}

const SPACE = 32;
const TAB = 9;
const TAB_SIZE = 4;

/**
 * The box at the start of a list item's first paragraph, whose trimmed inline content is
 * `content` and which runs from `line` to `endLine` (exclusive); undefined when the
 * paragraph does not start with one.
 */
export function findBox(
  content: string,
  line: number,
  endLine: number,
  lines: SourceLines,
): Box | undefined {
  if (content.charCodeAt(0) !== 91 || content.charCodeAt(2) !== 93) return undefined; // [ ]
  const state = boxState(content.charAt(1));
  if (!state) return undefined;
  const src = lines.text;
  const lineStart = lines.start(line);
  const lineEnd = lines.end(line);
  // Both ends trimmed alike (spaces and tabs), as the content's last line is by markdown-it.
  const newline = content.indexOf("\n");
  const firstLineEnd = trimmedEnd(content, 0, newline === -1 ? content.length : newline);
  const open = trimmedEnd(src, lineStart, lineEnd) - firstLineEnd;
  if (src.charCodeAt(open) !== 91 || src.charCodeAt(open + 2) !== 93) return undefined;
  const value = src.charCodeAt(open + 1);
  // A tab is a blank box only where it is one column wide: micromark reads a wider tab as a tab
  // and virtual spaces, and the closing bracket then does not follow the value.
  if (value === TAB && column(src, lineStart, open + 1) % TAB_SIZE !== TAB_SIZE - 1) {
    return undefined;
  }
  if (!textFollows(src, open + 3, lineEnd, endLine - line > 1)) return undefined;
  return { offset: open + 1, line, state };
}

/** `end`, moved back over the spaces and tabs before it (not past `start`). */
function trimmedEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && (text.charCodeAt(at - 1) === SPACE || text.charCodeAt(at - 1) === TAB)) at--;
  return at;
}

function boxState(value: string): BoxState | undefined {
  switch (value) {
    case " ":
    case "\t":
      return "unchecked";
    case "x":
    case "X":
      return "checked";
    case "~":
      return "inapplicable";
    default:
      return undefined;
  }
}

/** After `]`: a line ending inside the paragraph, or spaces or tabs and then anything. */
function textFollows(src: string, at: number, lineEnd: number, moreLines: boolean): boolean {
  const first = src.charCodeAt(at);
  if (at < lineEnd && first !== SPACE && first !== TAB) return false;
  let next = at;
  while (next < lineEnd && (src.charCodeAt(next) === SPACE || src.charCodeAt(next) === TAB)) next++;
  return next < lineEnd || moreLines;
}

/** The 0-based column of `at` on its line, tabs expanded to multiples of four. */
function column(src: string, lineStart: number, at: number): number {
  let col = 0;
  for (let i = lineStart; i < at; i++) {
    col = src.charCodeAt(i) === TAB ? col + TAB_SIZE - (col % TAB_SIZE) : col + 1;
  }
  return col;
}
