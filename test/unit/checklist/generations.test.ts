// Every generation of GitLab's "Feature Flag Roll Out" template that we found (see
// generation-cases.ts), as a fixture in our own words with a label per checkbox: the run that
// ticks it, or "person". After each run of the rollout, in order, exactly the boxes labelled
// with that run or an earlier one are ticked, and nothing else changed: as written (CRLF kept)
// and as GitLab stores it (its normalisation applied on create and after every update).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itemsToTick, parseTaskList, setChecked } from "../../../src/checklist/index.js";
import { extractQuickActions } from "../../../src/sandbox/quick-actions.js";
import {
  expectedChecked,
  labelProblems,
  parseLabels,
  ROLLBACK,
} from "../../helpers/checklist-labels.js";
import {
  matchContext,
  type RolloutConfig,
  rollbackRun,
  runFacts,
  runSequence,
} from "../../helpers/phase-facts.js";
import { GENERATIONS } from "./generation-cases.js";

const DIR = join(import.meta.dirname, "../../fixtures/checklist/generations");

const MODES = {
  "as written": (text: string) => text,
  "as GitLab stores it": (text: string) => extractQuickActions(text).text,
} as const;

/** The text after each run, from `start`, each write passed through `store`. */
function play(start: string, config: RolloutConfig, store: (text: string) => string): string[] {
  const states: string[] = [];
  let text = store(start);
  for (const run of runSequence(config)) {
    for (const facts of runFacts(run, config)) {
      text = store(setChecked(text, itemsToTick(text, facts, matchContext(config)), true));
    }
    states.push(text);
  }
  return states;
}

/** "line 12 (label): ticked, expected not" for each box in the wrong state. */
function mismatches(
  text: string,
  expected: boolean[],
  lines: number[],
  labels: string[],
): string[] {
  return parseTaskList(text).flatMap((item, i) =>
    item.checked === expected[i]
      ? []
      : [`line ${lines[i]} (${labels[i]}): ${item.checked ? "ticked" : "not ticked"}`],
  );
}

// Each fixture twice: without notifications, and with them (then the cross-post items labelled
// `<run>+notify` are that run's: its delivered message is the cross-post).
for (const generation of GENERATIONS) {
  for (const notified of [false, true]) {
    const { fixture } = generation;
    const config = { ...generation.config, notify: notified };
    const variant = notified ? ", notifications configured" : "";
    describe(`generation ${fixture} (${generation.found})${variant}`, () => {
      const original = readFileSync(join(DIR, `${fixture}.md`), "utf8");
      const labels = parseLabels(
        readFileSync(join(DIR, `${fixture}.labels`), "utf8"),
        `${fixture}.labels`,
      );
      const runs = runSequence(config);
      const items = parseTaskList(original);
      const labelOf = new Map(labels.map((l) => [l.line, l.label]));
      const itemLabels = items.map((item) => labelOf.get(item.line) ?? "?");
      const itemLines = items.map((item) => item.line);

      it("labels every checkbox, and only checkboxes", () => {
        expect(labelProblems(original.replace(/\r/g, ""), labels, runs)).toEqual([]);
      });

      for (const [mode, store] of Object.entries(MODES)) {
        it(`is exact after every run, ${mode}`, () => {
          const base = store(original);
          expect(parseTaskList(base)).toHaveLength(items.length);
          const states = play(original, config, store);
          runs.forEach((run, step) => {
            const text = states[step] ?? "";
            const expected = expectedChecked(items, labels, runs, step, notified);
            expect(mismatches(text, expected, itemLines, itemLabels), `after ${run}`).toEqual([]);
            // Byte for byte: the stored text with exactly those boxes flipped.
            const wanted = parseTaskList(base).filter((_, i) => expected[i]);
            expect(text, `after ${run}`).toBe(setChecked(base, wanted, true));
          });
        });
      }

      it("ticks nothing more when a run is repeated", () => {
        const states = play(original, config, (text) => text);
        runs.forEach((run, step) => {
          for (const facts of runFacts(run, config)) {
            const again = itemsToTick(states[step] ?? "", facts, matchContext(config));
            expect(
              again.map((i) => i.line),
              `${run} again`,
            ).toEqual([]);
          }
        });
      });

      it("a rollback everywhere after the global phase ticks the rollback labels only", () => {
        const states = play(original, config, (text) => text);
        const global = states[runs.indexOf("global")] ?? "";
        const ticked = itemsToTick(global, rollbackRun(config, true), matchContext(config));
        const wanted = labels.filter((l) => l.label === ROLLBACK).map((l) => l.line);
        expect(ticked.map((i) => i.line)).toEqual(wanted);
      });
    });
  }
}
