// Differential test: the production parser (markdown-it) must find exactly the items the
// earlier micromark-based parser finds (test/helpers/checklist-oracle/), on the fixtures and on
// generated descriptions. Two independent CommonMark implementations agreeing is the evidence
// that offsets, nesting, sections and texts are right. Where they disagree by design (the
// oracle's own bugs, one known difference of ours), oracle-divergences.ts says so and
// parse.test.ts pins what the production parser does.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseUncached } from "../../../src/checklist/parse.js";
import { oracleParseTaskList } from "../../helpers/checklist-oracle/parse.js";
import { description, lineSoup } from "./markdown-arbitraries.js";
import { oracleIsWrongOn, withKnownDifferencesUndone } from "./oracle-divergences.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/checklist");
// Hundreds of generated documents through two parsers: 5 s on a quiet machine, past 20 s on a
// shared one. A budget, not a speed check (benchmarks live in bench/).
const PROPERTY_TIMEOUT = 120_000;

describe("parseTaskList agrees with the micromark oracle", () => {
  it("on every fixture, and on all of them in one description", () => {
    const texts = readdirSync(FIXTURES)
      .filter((name) => name.endsWith(".md"))
      .map((name) => readFileSync(join(FIXTURES, name), "utf8"));
    for (const text of [...texts, texts.join("\n\n")]) {
      expect(parseUncached(text)).toEqual(oracleParseTaskList(text));
    }
  });

  it(
    "on generated rollout issues",
    () => {
      fc.assert(fc.property(description, agrees), { numRuns: 500 });
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "on generated line soup (containers, tabs, fences, HTML, lazy lines)",
    () => {
      fc.assert(fc.property(lineSoup, agrees), { numRuns: 1000 });
    },
    PROPERTY_TIMEOUT,
  );

  it("the generators make items, and few documents are skipped", () => {
    const samples = [
      ...fc.sample(description, { numRuns: 200, seed: 7 }),
      ...fc.sample(lineSoup, { numRuns: 200, seed: 7 }),
    ];
    const items = samples.reduce((sum, md) => sum + parseUncached(md).length, 0);
    expect(items).toBeGreaterThan(800);
    expect(samples.filter(oracleIsWrongOn).length).toBeLessThan(samples.length / 4);
  });
});

/** Strictly equal, or equal once the documented differences are undone. */
function agrees(md: string): void {
  fc.pre(!oracleIsWrongOn(md));
  const production = parseUncached(md);
  const oracle = oracleParseTaskList(md);
  if (JSON.stringify(production) === JSON.stringify(oracle)) return;
  const [expected, actual] = withKnownDifferencesUndone(oracle, production);
  expect(actual).toEqual(expected);
}
