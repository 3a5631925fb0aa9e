import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTaskList } from "../../../src/checklist/index.js";
import { parseWith } from "../../../src/checklist/parse.js";

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

  it("parses a large description in pieces exactly as whole", () => {
    for (const name of [
      "four-space-nesting",
      "crlf-gitlab-run",
      "inline-commands",
      "ff-rollout-template",
    ]) {
      const md = readFileSync(join(FIXTURES, `${name}.md`), "utf8");
      const big = `${md}\n\n${md}\n\n${md}`;
      expect(parseWith(big, "pieces", 0)).toEqual(parseWith(big, "whole"));
      expect(parseWith(big, "pieces")).toEqual(parseWith(big, "whole"));
    }
  });
});
