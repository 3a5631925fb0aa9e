// GitLab's separate "Feature Flag Cleanup" issue template, in the generations we found, as
// fixtures in our own words with a label per checkbox ("cleanup" or "person"). When the cleanup
// is tracked in such an issue, the cleanup run ticks its list with the same facts as the
// rollout issue's: exactly the boxes labelled "cleanup", as written and as GitLab stores it.
// No earlier run ever writes to that issue, so only the cleanup's facts are played here.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itemsToTick, parseTaskList, setChecked } from "../../../src/checklist/index.js";
import { extractQuickActions } from "../../../src/sandbox/quick-actions.js";
import { labelProblems, parseLabels } from "../../helpers/checklist-labels.js";
import { matchContext, type RolloutConfig, runFacts } from "../../helpers/phase-facts.js";

const DIR = join(import.meta.dirname, "../../fixtures/checklist/cleanup-issue");

interface CleanupGeneration {
  fixture: string;
  found: string;
  config: RolloutConfig;
}

const BASE: RolloutConfig = {
  flag: "pipeline_graph_v2",
  actorType: "project",
  actors: ["gitlab-org/gitlab"],
  percentages: [25, 50],
  nonProduction: ["dev", "staging"],
};

const GENERATIONS: readonly CleanupGeneration[] = [
  {
    fixture: "2021-per-instance-deletes",
    found: "gitlabhq/gitlabhq, .gitlab/issue_templates/Feature Flag Cleanup.md @3670ddd2",
    config: BASE,
  },
  {
    fixture: "2023-runner-cutoff",
    found: "gitlabhq/gitlab-runner, .gitlab/issue_templates/Feature Flag Cleanup.md @10db6850",
    config: BASE,
  },
  {
    fixture: "2024-inline-delete-gitlab-run",
    found: "moul/gitlabhq, .gitlab/issue_templates/Feature Flag Cleanup.md @cd8ffb73",
    config: { ...BASE, nonProduction: ["dev", "pre", "staging", "staging-ref"] },
  },
];

const MODES = {
  "as written": (text: string) => text,
  "as GitLab stores it": (text: string) => extractQuickActions(text).text,
} as const;

for (const { fixture, found, config } of GENERATIONS) {
  describe(`cleanup issue ${fixture} (${found})`, () => {
    const original = readFileSync(join(DIR, `${fixture}.md`), "utf8");
    const labels = parseLabels(readFileSync(join(DIR, `${fixture}.labels`), "utf8"), fixture);
    const cleanupLines = new Set(labels.filter((l) => l.label === "cleanup").map((l) => l.line));

    it("labels every checkbox, and only checkboxes", () => {
      expect(labelProblems(original, labels, ["cleanup"])).toEqual([]);
    });

    for (const [mode, store] of Object.entries(MODES)) {
      it(`the cleanup ticks exactly its boxes, ${mode}`, () => {
        const base = store(original);
        let text = base;
        for (const facts of runFacts("cleanup", config)) {
          text = store(setChecked(text, itemsToTick(text, facts, matchContext(config)), true));
        }
        const wanted = parseTaskList(base).filter((item) => cleanupLines.has(item.line));
        expect(text).toBe(setChecked(base, wanted, true));
      });
    }

    it("an earlier phase's facts tick nothing in it", () => {
      for (const run of ["non-production", "production-actors", "global", "release"] as const) {
        for (const facts of runFacts(run, config)) {
          expect(itemsToTick(original, facts, matchContext(config)), run).toEqual([]);
        }
      }
    });
  });
}
