// markdown-it's block state with its line index built faster. markdown-it finds the lines by
// looking at every character of the text in JavaScript (some 14 ms of a warm 1 MiB parse here);
// this reads only the indentation character by character and finds each line's end with
// `indexOf`, which the engine runs natively. The arrays are the same, quirks included (see
// `markLines`): test/unit/checklist/line-marks.test.ts compares them with markdown-it's own.

import type MarkdownIt from "markdown-it";
import type { StateBlock } from "markdown-it";

const TAB = 9;
const SPACE = 32;

/** Makes `md` build its block state's line index with `markLines`. */
export function useFastLineMarks(md: MarkdownIt): void {
  const State = md.block.State;
  class LineMarkedState extends State {
    constructor(src: string, parser: MarkdownIt, env: unknown, tokens: StateBlock["tokens"]) {
      // markdown-it's own index of an empty text (its one fake line), then the real one.
      super("", parser, env, tokens);
      this.src = src;
      markLines(this, src);
    }
  }
  md.block.State = LineMarkedState;
}

/**
 * The line index of `src`, as markdown-it's StateBlock constructor makes it: each line's start,
 * end (before its "\n"), indentation in characters and in columns (tabs to multiples of four),
 * and one fake line at the end. As there, a last line of nothing but spaces and tabs, without a
 * line ending, is not a line.
 */
export function markLines(
  state: Pick<StateBlock, "bMarks" | "eMarks" | "tShift" | "sCount" | "bsCount" | "lineMax">,
  src: string,
): void {
  const bMarks: number[] = [];
  const eMarks: number[] = [];
  const tShift: number[] = [];
  const sCount: number[] = [];
  const bsCount: number[] = [];
  const length = src.length;
  let start = 0;
  while (start < length) {
    let at = start;
    let offset = 0;
    for (; at < length; at++) {
      const code = src.charCodeAt(at);
      if (code === SPACE) offset++;
      else if (code === TAB) offset += 4 - (offset % 4);
      else break;
    }
    if (at >= length) break;
    const newline = src.indexOf("\n", at);
    const end = newline === -1 ? length : newline;
    bMarks.push(start);
    eMarks.push(end);
    tShift.push(at - start);
    sCount.push(offset);
    bsCount.push(0);
    start = end + 1;
  }
  bMarks.push(length);
  eMarks.push(length);
  tShift.push(0);
  sCount.push(0);
  bsCount.push(0);
  state.bMarks = bMarks;
  state.eMarks = eMarks;
  state.tShift = tShift;
  state.sCount = sCount;
  state.bsCount = bsCount;
  state.lineMax = bMarks.length - 1;
}
