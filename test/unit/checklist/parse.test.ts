import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTaskList } from "../../../src/checklist/index.js";
import { parseUncached } from "../../../src/checklist/parse.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/checklist");

describe("parseTaskList", () => {
  it("finds boxes with their line, offset, nesting, section and text", () => {
    const md = [
      "# Rollout Steps",
      "",
      "## Rollout on non-production environments",
      "",
      "- [ ] Enable the feature globally on non-production environments.",
      "    - [x] `/chatops run feature set <feature-flag-name> true --dev`",
      "- Verify with:",
      "  - [X] `/chatops run auto_deploy status <sha>`",
      "- [ ] An item spread",
      "  over two lines",
      "",
    ].join("\n");
    const items = parseTaskList(md);
    expect(
      items.map((i) => [i.line, md.charAt(i.boxOffset), i.checked, i.depth, i.parent]),
    ).toEqual([
      [5, " ", false, 0, null],
      [6, "x", true, 1, 0],
      [8, "X", true, 1, null],
      [9, " ", false, 0, null],
    ]);
    expect(items[0]?.headings).toEqual(["Rollout Steps", "Rollout on non-production environments"]);
    expect(items[0]?.children).toEqual([1]);
    expect(items[1]?.text).toBe("`/chatops run feature set <feature-flag-name> true --dev`");
    expect(items[2]?.context).toEqual(["Verify with:"]);
    expect(items[2]?.plainAncestors).toEqual(["Verify with:"]);
    expect(items[3]?.text).toBe("An item spread over two lines");
  });

  it("never takes boxes from code blocks, HTML comments or HTML blocks", () => {
    const md = [
      "```",
      "- [ ] fenced",
      "```",
      "",
      "    - [ ] indented code",
      "",
      "<!--",
      "- [ ] commented",
      "-->",
      "",
      "<div>",
      "- [ ] raw html",
      "</div>",
      "",
      "- [ ] real",
    ].join("\n");
    expect(parseTaskList(md).map((i) => i.text)).toEqual(["real"]);
  });

  it("knows GitLab's inapplicable box [~]", () => {
    const items = parseTaskList("- [~] not needed\n- [ ] needed\n");
    expect(items.map((i) => [i.inapplicable, i.checked])).toEqual([
      [true, false],
      [false, false],
    ]);
  });

  it("finds items in <details> when blank lines separate them from the tags", () => {
    const md = "<details><summary>More</summary>\n\n- [ ] inside\n\n</details>\n\n- [ ] outside\n";
    expect(parseTaskList(md).map((i) => [i.text, i.inDetails])).toEqual([
      ["inside", true],
      ["outside", false],
    ]);
  });

  it("gives offsets into the original string for CRLF input", () => {
    const md = "## A\r\n\r\n- [ ] one\r\n  - [ ] two\r\n\r\n- [x] three\r\n";
    const items = parseTaskList(md);
    expect(items.map((i) => md.slice(i.boxOffset - 1, i.boxOffset + 2))).toEqual([
      "[ ]",
      "[ ]",
      "[x]",
    ]);
    expect(items.map((i) => i.line)).toEqual([3, 4, 6]);
  });

  it("reads the hidden marker and the code block that follows an item ending with ':'", () => {
    const md =
      "- [ ] Merged <!-- ff-rollout:mr-merged -->\n- [ ] Disable with:\n\n```\n/chatops run feature set x false\n```\n";
    const items = parseTaskList(md);
    expect(items[0]?.marker).toBe("mr-merged");
    expect(items[0]?.text).toBe("Merged");
    expect(items[1]?.code).toEqual(["/chatops run feature set x false"]);
  });

  it("keeps checkbox-less sub-items of an item (alternatives, examples)", () => {
    const md =
      "- [ ] Pick one:\n  - Project: `/chatops run feature set --project=a x true`\n  - Group: `g`\n";
    expect(parseTaskList(md)[0]?.subItems).toEqual([
      "Project: `/chatops run feature set --project=a x true`",
      "Group: `g`",
    ]);
  });

  it("a box needs text after it, as in GitLab", () => {
    expect(parseTaskList("- [ ]\n- [ ] x\n").map((i) => i.text)).toEqual(["x"]);
  });

  it("reads a description at GitLab's size limit (1 MiB), boxes at their offsets", () => {
    const fixtures = ["four-space-nesting", "crlf-gitlab-run", "inline-commands"].map((name) =>
      readFileSync(join(FIXTURES, `${name}.md`), "utf8"),
    );
    let big = "";
    for (let i = 0; big.length < 1_048_576; i++) big += `${fixtures[i % fixtures.length]}\n\n`;
    const items = parseUncached(big);
    expect(items.length).toBeGreaterThan(3000);
    for (const item of items)
      expect(big.slice(item.boxOffset - 1, item.boxOffset + 2)).toMatch(/^\[[ xX~]\]$/);
  });

  it("does not let an ordered list other than 1. interrupt a paragraph", () => {
    expect(parseTaskList("Intro\n2. [ ] not an item\n")).toEqual([]);
    expect(parseTaskList("Intro\n1. [ ] an item\n").map((i) => i.text)).toEqual(["an item"]);
  });

  it("takes a tab for a blank box only where it is one column wide (as micromark did)", () => {
    expect(parseTaskList("- [\t] one column\n1. [\t] four columns\n").map((i) => i.text)).toEqual([
      "one column",
    ]);
  });
});

// Where the earlier parser (micromark, now the test oracle) and markdown-it disagreed, the
// production parser does what cmark, CommonMark's reference implementation, does (GitLab's
// comrak is a port of it); the cmark output is quoted. See oracle-divergences.ts.
describe("parseTaskList on the corner cases where CommonMark parsers disagree", () => {
  it("continues an item's paragraph with a lazy line indented less than its content", () => {
    // cmark: <li>[ ] Enable &lt;!-- [ ] Enable</li>; markdown-it alone made the line code.
    const items = parseTaskList("-    [ ] Enable\n    <!--\n[ ] Enable\n");
    expect(items.map((i) => i.text)).toEqual(["Enable <!-- [ ] Enable"]);
  });

  it("does not take a `>` indented four columns for a block quote marker", () => {
    // cmark: <blockquote><ol><li>[ ] Enable &gt; [ ] Enable</li></ol></blockquote>
    expect(parseTaskList("> 1)  [ ] Enable\n    > [ ] Enable\n").map((i) => i.text)).toEqual([
      "Enable > [ ] Enable",
    ]);
  });

  it("keeps a lazy line after a link reference definition in the list item", () => {
    // cmark: <ul><li>[ ] Enable</li></ul> (the definition is taken off the paragraph)
    const items = parseTaskList("- [main-issue]: https://example.com\n[ ] Enable\n");
    expect(items.map((i) => [i.line, i.text, i.depth])).toEqual([[2, "Enable", 0]]);
  });

  it("starts an ordered list at any number after indented code (micromark did not)", () => {
    // cmark: <pre><code>code</code></pre><ol start="2"><li>[ ] Enable</li></ol>
    expect(parseTaskList("    code\n\n2. [ ] Enable\n").map((i) => i.line)).toEqual([3]);
  });

  it("lets `01.` interrupt a paragraph: its number is 1 (micromark read the digit 0)", () => {
    // cmark: <ol><li>[ ] a<ol><li>[ ] b</li></ol></li></ol>
    expect(parseTaskList("1. [ ] a\n   01. [ ] b\n").map((i) => [i.text, i.parent])).toEqual([
      ["a", null],
      ["b", 0],
    ]);
  });

  it("reads `- *` as a nested empty list, not as the text `*` (micromark did)", () => {
    // cmark: <li>[ ] a<ul><li><ul><li></li></ul></li></ul></li>
    expect(parseTaskList("- [ ] a\n  - *\n")[0]?.subItems).toEqual([]);
  });

  it("takes the box of an item's first paragraph after a blank first line or a definition", () => {
    // comrak looks for the box in the item's first paragraph; micromark missed both.
    expect(parseTaskList("* \n  [ ] Enable\n").map((i) => i.line)).toEqual([2]);
    expect(parseTaskList("- [a]: /u\n\n  [ ] Enable\n").map((i) => i.line)).toEqual([3]);
  });

  it("keeps an indented code block whole where a line of it could continue the list above", () => {
    // cmark: <pre><code>code line\n   continued</code></pre> after the list (micromark: two blocks)
    const md =
      "  1. [ ] If it fails:\n     ```\n     x\n     ```\n    code line\n       continued\n";
    expect(parseTaskList(md)[0]?.code).toEqual(["x", "code line\n   continued"]);
  });

  it("known difference: drops the indentation of lazy lines inside a code span", () => {
    // cmark and micromark keep it (<code>    /chatops run x    </code>, text "Run ` /chatops
    // run x `"); markdown-it strips it as for any continuation line. Only white space just
    // inside the backticks differs, which no matching reads; not worth re-reading the lines.
    const items = parseTaskList("1)   [ ] Run\n    `\n    /chatops run x\n    `\n");
    expect(items.map((i) => i.text)).toEqual(["Run `/chatops run x`"]);
  });
});
