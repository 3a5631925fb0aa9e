// Fixes to markdown-it's CommonMark conformance where it matters for finding task items. Each
// was found by the differential test against micromark and settled by cmark, CommonMark's
// reference implementation (GitLab's comrak is a port of it); parse.test.ts pins each one.
//
// 1. Lazy continuation lines indented less than a list item's content:
//
//        -    [ ] Enable on staging
//            <!-- reviewed -->
//
//    The second line is indented 4 columns: too little to belong to the item (its content
//    starts in column 5), too much to start an HTML block at the top level, where it would be
//    indented code, which cannot interrupt a paragraph. So it continues the item's paragraph.
//    markdown-it measures it against the item's column instead, lets `<!--` interrupt, ends the
//    list and makes the line a code block. Likewise fences, headings, rules, quotes, lists.
// 2. A `>` indented 4 or more columns is not a block quote marker ("    > x" continues a
//    quote's paragraph lazily); markdown-it's quote rule does not check that indentation.
// 3. Lines after a link reference definition stay in the paragraph the definition started,
//    lazy and indented ones included ("- [ref]: /url\n[ ] x" is an item with the task "x");
//    markdown-it ends the block after the definition, so a lazy line falls out of the list
//    item and an indented one becomes code.

import type MarkdownIt from "markdown-it";
import type { StateBlock } from "markdown-it";

type BlockRule = (
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
) => boolean;
interface RuleEntry {
  name: string;
  fn: BlockRule;
  alt: string[];
}

/**
 * markdown-it's block rules, in order, with the chains they also belong to. Ruler keeps them
 * private; `md.block.ruler.at(name, fn, { alt })` replaces one.
 */
export function blockRules(md: MarkdownIt): readonly RuleEntry[] {
  return [...(md.block.ruler as unknown as { __rules__: RuleEntry[] }).__rules__];
}

/** Rules that may interrupt a paragraph (markdown-it's "paragraph" chain, tables aside). */
const INTERRUPTING = new Set(["fence", "blockquote", "hr", "list", "html_block", "heading"]);
const CODE_INDENT = 4;
const GREATER_THAN = 0x3e;

/**
 * Content columns of the containers being parsed, innermost last; block quotes start at 0 (in
 * a quote, markdown-it counts columns from after the `>`). Parsing is synchronous, so one
 * stack serves every parse.
 */
const columns: number[] = [];

export function fixCommonMarkConformance(md: MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state, startLine, endLine) => {
    columns.push(state.blkIndent);
    try {
      tokenize(state, startLine, endLine);
    } finally {
      columns.pop();
    }
  };
  const rules = blockRules(md);
  const byName = new Map(rules.map((rule) => [rule.name, rule]));
  for (const { name, fn, alt } of rules) {
    let rule = fn;
    if (name === "blockquote") rule = withIndentedMarkersLazy(rule);
    if (INTERRUPTING.has(name)) rule = notOnLazyLines(rule);
    const lheading = byName.get("lheading")?.fn;
    const paragraph = byName.get("paragraph")?.fn;
    if (name === "reference" && lheading && paragraph) {
      rule = withParagraphAfter(rule, lheading, paragraph);
    }
    if (rule !== fn) md.block.ruler.at(name, rule, { alt });
  }
}

/** Fix 1: as a terminator, a rule never fires on a lazy continuation line. */
function notOnLazyLines(rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) =>
    !(silent && isLazyContinuation(state, startLine)) && rule(state, startLine, endLine, silent);
}

/** Whether `line`, less indented than the current container, is too indented to start a block. */
function isLazyContinuation(state: StateBlock, line: number): boolean {
  const indent = state.sCount[line] ?? 0;
  // An enclosing block quote has already found the line lazy (markdown-it marks it -1).
  if (indent < 0) return true;
  if (indent >= state.blkIndent) return false;
  return indent - enclosingColumn(indent) >= CODE_INDENT;
}

/** Content column of the innermost open container that a line indented `indent` belongs to. */
function enclosingColumn(indent: number): number {
  for (let i = columns.length - 1; i >= 0; i--) {
    const column = columns[i] ?? 0;
    // A block quote's 0 ends the search: columns outside it are not comparable.
    if (column <= indent) return column;
  }
  return 0;
}

/**
 * Fix 2: the quote rule reads the character at each line's first non-blank; for lines indented
 * 4 or more it is shown the blank before it instead (for the duration of the rule), so that
 * their `>` is not taken for a marker. The quote ends at the first empty line, so do the
 * lines looked at.
 */
function withIndentedMarkersLazy(rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (silent) return rule(state, startLine, endLine, silent);
    const hidden: number[] = [];
    for (let line = startLine + 1; line < endLine && !state.isEmpty(line); line++) {
      const first = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
      const indent = (state.sCount[line] ?? 0) - state.blkIndent;
      if (indent >= CODE_INDENT && state.src.charCodeAt(first) === GREATER_THAN) {
        state.tShift[line] = (state.tShift[line] ?? 1) - 1;
        hidden.push(line);
      }
    }
    try {
      return rule(state, startLine, endLine, silent);
    } finally {
      for (const line of hidden) state.tShift[line] = (state.tShift[line] ?? 0) + 1;
    }
  };
}

/**
 * Fix 3: after definitions, a line that would have continued their paragraph (an indented or
 * a lazy one, which markdown-it would make code or take out of the container) is parsed as
 * that paragraph (or setext heading), or as more definitions, in the same container.
 */
function withParagraphAfter(
  reference: BlockRule,
  lheading: BlockRule,
  paragraph: BlockRule,
): BlockRule {
  const rule: BlockRule = (state, startLine, endLine, silent) => {
    if (!reference(state, startLine, endLine, silent)) return false;
    if (silent) return true;
    const next = state.line;
    if (next >= endLine || !continuesParagraph(state, next, endLine)) return true;
    if (rule(state, next, endLine, false)) return true;
    // The rules refuse to start a paragraph or a setext heading on an indented line; this
    // one only continues a paragraph, so its indentation does not count.
    const indent = state.sCount[next] ?? 0;
    state.sCount[next] = Math.min(indent, state.blkIndent);
    try {
      if (!lheading(state, next, endLine, false)) paragraph(state, next, endLine, false);
    } finally {
      state.sCount[next] = indent;
    }
    return true;
  };
  return rule;
}

/** Whether `line` would continue a paragraph but not be read as such after a definition. */
function continuesParagraph(state: StateBlock, line: number, endLine: number): boolean {
  if (state.isEmpty(line)) return false;
  const indent = state.sCount[line] ?? 0;
  if (indent < 0 || indent - state.blkIndent >= CODE_INDENT) return true;
  if (indent >= state.blkIndent) return false; // read as a new block in the container anyway
  const parentType = state.parentType;
  state.parentType = "paragraph";
  try {
    const terminators = state.md.block.ruler.getRules("paragraph") as BlockRule[];
    return !terminators.some((terminator) => terminator(state, line, endLine, true));
  } finally {
    state.parentType = parentType;
  }
}
