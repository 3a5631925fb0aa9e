// Code blocks an item introduces: their content as written, and whether one directly follows a
// list (GitLab's rollback steps put the command in a code block right after "... command:").

import { type Blocks, Kind } from "./blocks.js";
import type { SourceLines } from "./source-lines.js";

export function isCode(blocks: Blocks, at: number): boolean {
  const kind = blocks.kind[at];
  return kind === Kind.fence || kind === Kind.codeBlock;
}

/** A code block's content as written: without the final line ending, with the original line endings. */
export function codeValue(blocks: Blocks, at: number, lines: SourceLines): string {
  const content = blocks.content[at] ?? "";
  const value = content.endsWith("\n") ? content.slice(0, -1) : content;
  // A fence's content starts on the line after its opening fence.
  const firstLine = (blocks.startLine[at] ?? 0) + (blocks.kind[at] === Kind.fence ? 1 : 0);
  return lines.withOriginalEndings(value, firstLine);
}

/**
 * Whether lines `from` to `to` (exclusive) are blank (in a quote: `>` only). Otherwise a link
 * reference definition is there (the one block markdown-it makes no token for), which in the
 * document tree stands between the blocks before and after it.
 */
export function onlyBlankLinesBetween(from: number, to: number, lines: SourceLines): boolean {
  for (let line = from; line < to; line++) {
    if (!BLANK_LINE.test(lines.text.slice(lines.start(line), lines.end(line)))) return false;
  }
  return true;
}

const BLANK_LINE = /^[\s>]*$/;
