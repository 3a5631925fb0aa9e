// Golden tests: each fixture rollout issue, after each phase's facts are applied in the
// template's order, must equal its golden file byte for byte. Regenerate with
// `UPDATE_GOLDEN=1 npx vitest run test/unit/checklist`, then review every diff by eye.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { itemsToTick, parseTaskList, setChecked } from "../../../src/checklist/index.js";
import {
  matchContext,
  PHASE_SEQUENCE,
  phaseRuns,
  type RolloutConfig,
  rollbackRun,
  type SequencePhase,
} from "../../helpers/phase-facts.js";
import { CASES } from "./cases.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/checklist");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** Applies one phase's runs to `text`; returns the new text. */
function applyPhase(text: string, phase: SequencePhase, config: RolloutConfig): string {
  let current = text;
  for (const facts of phaseRuns(phase, config)) {
    const ticks = itemsToTick(current, facts, matchContext(config));
    current = setChecked(current, ticks, true);
  }
  return current;
}

/** Offsets where two texts of equal length differ. */
function changedOffsets(before: string, after: string): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) offsets.push(i);
  return offsets;
}

for (const { fixture, config, rollbackLines } of CASES) {
  describe(`golden ${fixture}`, () => {
    const states: Array<[SequencePhase, string]> = [];
    let original = "";

    beforeAll(() => {
      original = readFileSync(join(FIXTURES, `${fixture}.md`), "utf8");
      let text = original;
      for (const phase of PHASE_SEQUENCE) {
        text = applyPhase(text, phase, config);
        states.push([phase, text]);
      }
    });

    PHASE_SEQUENCE.forEach((phase, step) => {
      it(`after ${phase}`, () => {
        const [, text] = states[step] ?? [phase, ""];
        const file = join(FIXTURES, "golden", fixture, `${step + 1}-${phase}.md`);
        if (UPDATE) {
          mkdirSync(join(FIXTURES, "golden", fixture), { recursive: true });
          writeFileSync(file, text);
        }
        expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(
          true,
        );
        expect(text).toBe(readFileSync(file, "utf8"));
      });
    });

    it("only flips box characters, one phase at a time", () => {
      let before = original;
      for (const [, after] of states) {
        expect(after.length).toBe(before.length);
        const boxes = new Set(parseTaskList(before).map((item) => item.boxOffset));
        for (const offset of changedOffsets(before, after)) {
          expect(boxes.has(offset)).toBe(true);
          expect([before[offset], after[offset]]).toEqual([" ", "x"]);
        }
        before = after;
      }
    });

    it("a rollback everywhere after the global phase ticks the rollback steps", () => {
      const global = states[PHASE_SEQUENCE.indexOf("global")]?.[1] ?? "";
      const lines = itemsToTick(global, rollbackRun(config, true), matchContext(config)).map(
        (i) => i.line,
      );
      expect(lines).toEqual(rollbackLines);
    });

    it("ticks nothing more when a phase runs again", () => {
      for (const [step, phase] of PHASE_SEQUENCE.entries()) {
        const [, text] = states[step] ?? [phase, ""];
        for (const facts of phaseRuns(phase, config)) {
          expect(itemsToTick(text, facts, matchContext(config))).toEqual([]);
        }
      }
    });
  });
}
