// The checklist work of one CLI run on a 1 MiB description, paid cold as a CLI run pays it: this
// script is a fresh process that ticks the items a non-production run verified, through the
// engine's tickChecklist, against an in-memory issue that answers as GitLab does (it deletes \r
// and strips the text's trailing whitespace). The description is the twelve generations of
// GitLab's rollout template (test/fixtures/checklist/generations) repeated to GitLab's limit.
// Prints one line of JSON. bench/run.mjs runs it; `node bench/checklist-cold.mjs` after a build.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { context, facts } from "./checklist-run.mjs";

const LIMIT = 1_048_576;
const { tickChecklist } = await import("../build/bench-kit.js");

const dir = join(import.meta.dirname, "../test/fixtures/checklist/generations");
const templates = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => readFileSync(join(dir, f), "utf8"));
let description = "";
for (let i = 0; description.length < LIMIT; i++)
  description += `${templates[i % templates.length]}\n\n`;
description = description.slice(0, LIMIT);

const stored = (text) => text.replace(/\r/g, "").replace(/[\0\t\n\v\f\r ]+$/, "");
let current = { description: stored(description), updatedAt: "2026-01-01T00:00:00Z" };
const issues = {
  getIssue: async () => current,
  updateDescription: async (_ref, text) => {
    current = { description: stored(text), updatedAt: "2026-01-01T00:00:01Z" };
    return current;
  },
  recentNotes: async () => [],
  whoAmI: async () => "bot",
};
const logger = { debug() {}, info() {}, warn() {} };

const started = performance.now();
const result = await tickChecklist(issues, { project: "p", iid: 1 }, facts, context, logger);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, ticked: result.ticked.length, chars: description.length }));
