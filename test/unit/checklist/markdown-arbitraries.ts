// fast-check generators of rollout-issue-like Markdown for the differential test of the
// checklist parser: realistic documents (sections, nested task lists, commands, <details>,
// code after "...:" items) and "line soup" that strings together the lines where CommonMark
// parsers tend to disagree (container prefixes, tabs, fences, HTML, lazy continuations).

import fc from "fast-check";

const word = fc.constantFrom(
  "Enable",
  "on",
  "staging",
  "Zoë",
  "naïve",
  "動作確認",
  "🚦",
  "a\u00a0b",
  "`/chatops run feature set <feature-flag-name> true --dev`",
  "`` code with ` tick ``",
  "` padded `",
  "**bold**",
  "_under_",
  "snake_case_name",
  "*",
  "[link](https://example.com)",
  "[ref][main-issue]",
  "[missing][nope]",
  "![alt `c` <b>](i.png)",
  "<https://example.com/a%20b>",
  "<b>html</b>",
  "<!-- ff-rollout:mr-merged -->",
  "<!-- note -->",
  "&amp; &nbsp; &#42;",
  "\\*escaped\\*",
  "~~struck~~",
  "done:",
  "If it fails:",
);
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));
const box = fc.constantFrom(
  "[ ] ",
  "[ ] ",
  "[x] ",
  "[X] ",
  "[~] ",
  "[ ]\t",
  "[\t] ",
  "[ ]",
  "[]",
  "",
);
const lineEnd = fc.constantFrom("", "", "", "  ", "\t", " ", "\\");

/** A list whose items nest by `unit` spaces (or tabs); each level at most one deeper than the last. */
const list = fc
  .record({
    unit: fc.constantFrom("  ", "    ", "   ", "\t"),
    // Ordered lists start at a plain 1: the oracle, micromark, takes other starts for
    // paragraphs after indented code (micromark#228), and `01.` for one even where it may
    // interrupt a paragraph (CommonMark compares the number); see parse.test.ts.
    marker: fc.constantFrom("- ", "* ", "+ ", "1. ", "1) ", "1.  ", "1)   "),
    items: fc.array(
      fc.record({
        deeper: fc.boolean(),
        box,
        text: words,
        end: lineEnd,
        more: fc.constantFrom("", "", "", "lazy", "continued", "paragraph", "code", "fence"),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ unit, marker, items }) => {
    let level = 0;
    const lines: string[] = [];
    items.forEach((item, i) => {
      level = i === 0 ? 0 : item.deeper ? level + 1 : Math.max(0, level - 1);
      const indent = unit.repeat(level);
      lines.push(`${indent}${marker}${item.box}${item.text}${item.end}`);
      const inner = `${indent}${" ".repeat(marker.length)}`;
      if (item.more === "lazy") lines.push("lazy continuation line");
      if (item.more === "continued") lines.push(`${inner}continued ${item.text}`);
      if (item.more === "paragraph") lines.push("", `${inner}second paragraph`, "");
      if (item.more === "code") lines.push("", `${inner}    indented code`, "");
      if (item.more === "fence")
        lines.push(`${inner}\`\`\``, `${inner}/chatops run x`, `${inner}\`\`\``);
    });
    return lines.join("\n");
  });

const block = fc.oneof(
  fc.nat(9).map((n) => `## Section ${n}`),
  words.map((t) => `### ${t} ###`),
  list,
  list,
  words.map((t) => `A paragraph: ${t}`),
  fc.constant("```\n- [ ] in a fence\n/chatops run feature set x true\n```"),
  fc.constant("~~~sh\n- [ ] tilde fence\n~~~"),
  fc.constant("    - [ ] indented code"),
  fc.constant("<!--\n- [ ] in a comment\n-->"),
  list.map((l) => `<details><summary>More</summary>\n\n${l}\n\n</details>`),
  list.map((l) => `<details>\n${l}\n</details>`),
  list.map((l) => l.replace(/^/gm, "> ")),
  list.map((l) => l.replace(/^/gm, ">")),
  words.map((t) => `Setext heading ${t}\n---`),
  words.map((t) => `Setext heading ${t}\n===`),
  fc.constant("***"),
  fc.constant("<div>\n- [ ] in raw html\n</div>"),
  fc.constant("[main-issue]: https://example.com/issues/1"),
  fc.constant("- [ ] Disable with:\n\n```\n/chatops run feature set x false\n```"),
  fc.constant("- [ ] Roll back with:\n\n    /chatops run feature set x false"),
);

/** A realistic description: blocks separated by one or two blank lines. */
export const description = fc
  .record({
    blocks: fc.array(fc.tuple(block, fc.constantFrom("\n\n", "\n\n", "\n", "\n\n\n")), {
      minLength: 1,
      maxLength: 10,
    }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ blocks, crlf, finalNewline }) => withEndings(blocks, crlf, finalNewline));

const prefix = fc
  .array(
    fc.constantFrom("", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "* ", "1. ", "1)  "),
    {
      maxLength: 3,
    },
  )
  .map((parts) => parts.join(""));
const lineBody = fc.oneof(
  fc.tuple(box, words).map(([b, t]) => `${b}${t}`),
  fc.tuple(box, words).map(([b, t]) => `${b}${t}`),
  fc.constantFrom(
    "",
    "",
    "```",
    "~~~",
    "<details>",
    "</details>",
    "<details><summary>x</summary>",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "---",
    "===",
    "# heading",
    "[ ]",
    "[x]",
    "\u00a0[ ] nbsp",
    "[main-issue]: https://example.com",
  ),
);

/** Lines of container prefixes and bodies in any order: where parsers' corner cases live. */
export const lineSoup = fc
  .record({
    lines: fc.array(fc.tuple(prefix, lineBody), { minLength: 1, maxLength: 14 }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, crlf, finalNewline }) =>
    withEndings(
      lines.map(([p, b]) => [`${p}${b}`, "\n"] as const),
      crlf,
      finalNewline,
    ),
  );

function withEndings(
  parts: ReadonlyArray<readonly [string, string]>,
  crlf: boolean,
  finalNewline: boolean,
): string {
  const lf = parts.map(([text, gap], i) => (i === 0 ? text : gap + text)).join("");
  const text = lf + (finalNewline ? "\n" : "");
  return crlf ? text.replace(/\n/g, "\r\n") : text;
}
