// The README's table of contents lists every section, each link reaching its heading.

import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { README } from "../../helpers/readme-blocks.js";
import { anchor, headings, tableOfContents } from "../../helpers/readme-toc.js";

const text = readFileSync(README, "utf8");

it("has a table of contents listing every section", () => {
  const expected = `## Contents\n\n${tableOfContents(text)}\n\n`;
  expect(
    text,
    "update the README's Contents to list its sections (test/helpers/readme-toc.ts)",
  ).toContain(expected);
});

it("links only to headings that exist, each anchor once", () => {
  const anchors = headings(text).map((h) => anchor(h.text.replace(/`/g, "")));
  expect(new Set(anchors).size).toBe(anchors.length);
  const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
  for (const link of links) expect(anchors, `README link #${link}`).toContain(link);
});
