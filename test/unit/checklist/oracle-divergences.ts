// Where the oracle (micromark) is wrong and the production parser (markdown-it) does what
// CommonMark's reference implementation cmark, and so GitLab's comrak, does. The differential
// test skips or normalises exactly these cases; parse.test.ts pins the production behaviour
// on each with cmark's output in a comment.

import type { TaskItem } from "../../../src/checklist/types.js";

/**
 * A list item that is nothing but another, empty, list marker (`- *`, `- -`): where that item
 * interrupts a paragraph, micromark lets the inner marker be text, as if it too interrupted
 * the paragraph (cmark: a nested empty list).
 */
const EMPTY_ITEM_IN_NEW_ITEM =
  /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+(?:[-*+]|\d{1,9}[.)])[ \t]*\r?$/m;

/**
 * A list item that starts with a blank line (`*` + line ending): micromark takes no task box
 * at the start of its next line when the marker has white space after it or the next line is
 * indented past the item's content. GitLab's comrak takes the box (the item's first
 * paragraph), as markdown-it does.
 */
const BLANK_START = /^(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])[ \t])*(?:[-*+]|\d{1,9}[.)])[ \t]*\r?$/m;

/**
 * A list item that starts with a link reference definition and a blank line: micromark takes
 * no task box in the item's next paragraph; comrak drops the definition's empty paragraph, so
 * that the next one is the item's first, and takes the box, as markdown-it does (it makes no
 * token for a definition).
 */
const DEFINITION_FIRST =
  /^(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])[ \t])*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[^\]]*\]:.*\r?\n[ \t>]*\r?$/m;

/** Whether `markdown` has a construct on which the oracle is known to be wrong. */
export function oracleIsWrongOn(markdown: string): boolean {
  return [EMPTY_ITEM_IN_NEW_ITEM, BLANK_START, DEFINITION_FIRST].some((bug) => bug.test(markdown));
}

/**
 * The items of both parsers with the differences they are known to have undone, for a second
 * comparison when the strict one fails:
 * - Code (the oracle is wrong): micromark splits an indented code block in two where a line of
 *   it is indented enough to continue a list item that the block has already closed (cmark: one
 *   block). The oracle's code is then the real code cut into pieces, or a prefix of it.
 * - Text (the production parser differs from cmark and GitLab): in a code span that goes on
 *   over a lazy continuation line (indented less than the list item), markdown-it drops that
 *   line's indentation, which cmark keeps. Only white space just inside the backticks can
 *   differ after collapsing; commands (found by `/chatops`) read the same.
 */
export function withKnownDifferencesUndone(
  oracle: readonly TaskItem[],
  production: readonly TaskItem[],
): [TaskItem[], TaskItem[]] {
  const normalised = (items: readonly TaskItem[]) =>
    items.map((item) => ({
      ...item,
      text: tightCodeSpans(item.text),
      context: item.context.map(tightCodeSpans),
      plainAncestors: item.plainAncestors.map(tightCodeSpans),
      subItems: item.subItems.map(tightCodeSpans),
    }));
  const ours = normalised(production);
  const theirs = normalised(oracle).map((item, i) => {
    const real = ours[i]?.code ?? [];
    const pieces = squeezed(item.code);
    return real.length > 0 && squeezed(real).startsWith(pieces) && pieces !== ""
      ? { ...item, code: real }
      : item;
  });
  return [theirs, ours];
}

function tightCodeSpans(text: string): string {
  return text.replace(/\s*`\s*/g, "`");
}

function squeezed(code: readonly string[]): string {
  return code.join("").replace(/\s+/g, "");
}
