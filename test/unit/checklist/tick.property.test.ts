// Property tests of ticking on generated descriptions: nesting by 2 and 4 spaces, LF and CRLF,
// code blocks and comments holding `- [ ]`, <details> blocks, unicode, trailing white space.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTaskList, StaleItemError, setChecked } from "../../../src/checklist/index.js";

const word = fc.constantFrom(
  "Enable",
  "on",
  "staging",
  "Zoë",
  "naïve",
  "動作確認",
  "🚦",
  "`/chatops run feature set <feature-flag-name> true --dev`",
  "**bold**",
  "[link](https://example.com)",
);
const lineEnd = fc.constantFrom("", "", "  ", "\t", " ");
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(" "));

/** A list whose items nest by `unit` spaces; each level at most one deeper than the last. */
const list = fc
  .record({
    unit: fc.constantFrom(2, 4),
    items: fc.array(
      fc.record({
        deeper: fc.boolean(),
        box: fc.constantFrom("[ ] ", "[ ] ", "[x] ", ""),
        text,
        end: lineEnd,
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ unit, items }) => {
    let level = 0;
    return items
      .map((item, i) => {
        level = i === 0 ? 0 : item.deeper ? level + 1 : Math.max(0, level - 1);
        return `${" ".repeat(level * unit)}- ${item.box}${item.text}${item.end}`;
      })
      .join("\n");
  });

const block = fc.oneof(
  fc.nat(9).map((n) => `## Section ${n}`),
  list,
  text.map((t) => `A paragraph: ${t}`),
  fc.constant("```\n- [ ] in a fence\n/chatops run feature set x true\n```"),
  fc.constant("    - [ ] indented code"),
  fc.constant("<!--\n- [ ] in a comment\n-->"),
  list.map((l) => `<details><summary>More</summary>\n\n${l}\n\n</details>`),
  list.map((l) => l.replace(/^/gm, "> ")),
  list.map((l) => l.replace(/^- /gm, "1. ")),
  text.map((t) => `Setext heading ${t}\n---`),
  fc.constant("<div>\n- [ ] in raw html\n</div>"),
  fc.constant(
    "[main-issue]: https://example.com/issues/1\n\n- [ ] Close [the feature issue][main-issue].",
  ),
);

const description = fc
  .record({
    blocks: fc.array(block, { minLength: 1, maxLength: 10 }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ blocks, crlf, finalNewline }) => {
    const lf = blocks.join("\n\n") + (finalNewline ? "\n" : "");
    return crlf ? lf.replace(/\n/g, "\r\n") : lf;
  });

/** A description with a subset of its unchecked items. */
const withSelection = description.chain((md) => {
  const unchecked = parseTaskList(md).filter((item) => !item.checked);
  return fc.subarray(unchecked).map((items) => ({ md, items }));
});

describe("setChecked (properties)", () => {
  it("the generator makes descriptions with items to tick", () => {
    const samples = fc.sample(withSelection, { numRuns: 100, seed: 42 });
    const selected = samples.reduce((sum, { items }) => sum + items.length, 0);
    expect(selected).toBeGreaterThan(100);
  });

  it("ticking then unticking gives the input back, and only the boxes change", () => {
    fc.assert(
      fc.property(withSelection, ({ md, items }) => {
        const ticked = setChecked(md, items, true);
        expect(ticked.length).toBe(md.length);
        const changed: number[] = [];
        for (let i = 0; i < md.length; i++) if (md[i] !== ticked[i]) changed.push(i);
        expect(changed).toEqual(items.map((item) => item.boxOffset).sort((a, b) => a - b));
        for (const at of changed) expect(ticked[at]).toBe("x");
        expect(setChecked(ticked, items, false)).toBe(md);
        // The ticked text parses to the same items, with those now checked.
        const after = parseTaskList(ticked);
        const wanted = new Set(items.map((item) => item.index));
        expect(after.map((item) => item.checked)).toEqual(
          parseTaskList(md).map((item) => item.checked || wanted.has(item.index)),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("setChecked", () => {
  it("leaves [X] as it is when asked to check it, and unticks it to a space", () => {
    const md = "- [X] done\n- [ ] open\n";
    const items = parseTaskList(md);
    expect(setChecked(md, items, true)).toBe("- [X] done\n- [x] open\n");
    expect(setChecked(md, items, false)).toBe("- [ ] done\n- [ ] open\n");
  });

  it("never touches an inapplicable [~] item", () => {
    const md = "- [~] n/a\n";
    expect(setChecked(md, parseTaskList(md), true)).toBe(md);
  });

  it("refuses items that do not belong to the text", () => {
    const items = parseTaskList("- [ ] a\n");
    expect(() => setChecked("text that moved\n- [ ] a\n", items, true)).toThrow(StaleItemError);
  });
});
