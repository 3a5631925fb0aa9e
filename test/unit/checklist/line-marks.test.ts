// The block state's line index, built by indexOf (line-marks.ts), must be markdown-it's own to the
// last entry: every block rule reads it. Compared on the texts where the two ways of finding
// lines could part: blank and white-space-only lines, tabs, a last line without a line ending,
// a last line of nothing but white space.

import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markLines } from "../../../src/checklist/line-marks.js";
import { lineSoup } from "./markdown-arbitraries.js";

/** markdown-it's own StateBlock, of a parser that line-marks.ts has not changed. */
const parser = MarkdownIt("commonmark");
const Original = parser.block.State;

function agree(src: string): void {
  const original = new Original(src, parser, {}, []);
  const ours = { bMarks: [], eMarks: [], tShift: [], sCount: [], bsCount: [], lineMax: -1 };
  markLines(ours, src);
  const fields = (s: typeof ours) => [s.bMarks, s.eMarks, s.tShift, s.sCount, s.bsCount, s.lineMax];
  expect(fields(ours)).toEqual(fields(original as unknown as typeof ours));
}

const piece = fc.constantFrom("", " ", "  ", "\t", " \t", "\t ", "a", "- [ ] x", "\n", "\n", "\n");

describe("markLines", () => {
  it.each([
    "",
    "\n",
    "a",
    "a\n",
    "a\n\n",
    "a\n   ",
    "a\n \t",
    "   ",
    " \t\n\t x\n",
    "\t\tcode\n  \n- [ ] x",
  ])("indexes %j as markdown-it does", (src) => agree(src));

  it("indexes generated texts as markdown-it does", () => {
    const texts = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((parts) => parts.join("")),
      lineSoup.map((text) => text.replace(/\r\n?/g, "\n")),
    );
    fc.assert(fc.property(texts, agree), { numRuns: 1000 });
  });
});
