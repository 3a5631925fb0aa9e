// The release and cleanup phases' real facts, run by run, against the checklist goldens: cleanup
// runs in two steps (the MR, then the deletion once it is deployed), and together they must tick
// exactly what the goldens' one cleanup run ticks; release, what its golden run ticks.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itemsToTick, setChecked } from "../../../src/checklist/index.js";
import type { Fact } from "../../../src/engine/facts.js";
import { matchContext, type RolloutConfig } from "../../helpers/phase-facts.js";
import { CASES } from "../checklist/cases.js";

const GOLDEN = join(import.meta.dirname, "../../fixtures/checklist/golden");
const verified = (intent: string) => ({ kind: "verified", intent }) as Fact;

/**
 * What the release phase's runs report: the MR opened; then (a later run, the MR merged and in
 * the release) its changelog trailer and the template's release steps, cleanup_issue on.
 */
function releaseRuns(): Fact[][] {
  const opened = [verified("default-enabled-mr"), verified("soaked-one-day")];
  return [
    opened,
    [
      ...opened,
      verified("release-included"),
      verified("changelog-entry"),
      verified("feature-issue-closed"),
      verified("next-milestone-set"),
      verified("cleanup-issue-opened"),
      verified("rollout-issue-closed"),
    ],
  ];
}

/**
 * cleanup's step one (the MR) and step two (deployed, no code left reading the flag: deleted
 * everywhere, issues closed).
 */
function cleanupRuns(config: RolloutConfig): Fact[][] {
  const instances = [...config.nonProduction, "production" as const];
  return [
    [verified("cleanup-mr")],
    [
      verified("cleanup-mr"),
      verified("cleanup-deployed"),
      verified("code-references-removed"),
      verified("changelog-entry"),
      ...instances.map((instance): Fact => ({ kind: "flag-deleted", flag: config.flag, instance })),
      verified("feature-issue-closed"),
      verified("rollout-issue-closed"),
    ],
  ];
}

function apply(text: string, runs: Fact[][], config: RolloutConfig): string {
  let current = text;
  for (const facts of runs)
    current = setChecked(current, itemsToTick(current, facts, matchContext(config)), true);
  return current;
}

describe("release and cleanup facts against the checklist goldens", () => {
  for (const { fixture, config } of CASES) {
    it(fixture, () => {
      const global = readFileSync(join(GOLDEN, fixture, "5-global.md"), "utf8");
      const released = apply(global, releaseRuns(), config);
      expect(released).toBe(readFileSync(join(GOLDEN, fixture, "6-release.md"), "utf8"));
      const cleaned = apply(released, cleanupRuns(config), config);
      expect(cleaned).toBe(readFileSync(join(GOLDEN, fixture, "7-cleanup.md"), "utf8"));
    });
  }
});
