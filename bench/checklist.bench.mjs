// Checklist benchmark: parse, match and tick a rollout issue description at GitLab's size
// limit (1,048,576 characters), built from the checklist fixtures repeated, with and without
// pasted logs. Prints the median of N runs of each step.
//
// Run on the built JS: `npm run build && node bench/checklist.bench.mjs [runs]`

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { classifyItems, itemsToTick, parseTaskList, setChecked } from "../dist/checklist/index.js";

const LIMIT = 1_048_576;
const RUNS = Number(process.argv[2] ?? 7);
const fixtures = join(import.meta.dirname, "../test/fixtures/checklist");
const read = (name) => readFileSync(join(fixtures, `${name}.md`), "utf8");

const ctx = {
  flag: "wiki_live_preview",
  actorType: "group",
  actors: ["gitlab-org"],
  percentages: [1, 10, 25, 50, 75],
};
const facts = [
  { kind: "verified", intent: "mr-merged" },
  { kind: "verified", intent: "deployed-non-production" },
  ...["dev", "pre", "staging", "staging-ref"].map((instance) => ({
    kind: "flag-boolean",
    flag: ctx.flag,
    instance,
    value: true,
  })),
];

/** A pasted job log in a <details> block, as people attach to rollout issues. */
function logSection(n) {
  const lines = [];
  for (let i = 0; i < 120; i++) {
    lines.push(
      `2024-05-0${(i % 9) + 1}T12:${String(i % 60).padStart(2, "0")}:07Z INFO worker=${n} job=${1000 + i} status=ok duration_s=0.${i % 10}`,
    );
  }
  return `<details><summary>Log ${n}</summary>\n\n\`\`\`\n${lines.join("\n")}\n\`\`\`\n\n</details>\n\n`;
}

/** Repeats sections until the text is one character short of the limit (room for a cache-busting space). */
function build(withLogs) {
  const sections = [
    read("four-space-nesting"),
    read("inline-commands"),
    read("plain-items"),
    read("ff-rollout-template"),
  ];
  let text = "";
  for (let i = 0; text.length < LIMIT; i++) {
    text += `${sections[i % sections.length]}\n\n`;
    if (withLogs) text += logSection(i);
  }
  return text.slice(0, LIMIT - 1);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs, fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

for (const [label, base] of [
  ["checklists only", build(false)],
  ["checklists + pasted logs", build(true)],
]) {
  // parseTaskList caches its last input: alternate two texts to measure real parses.
  const variants = [base, `${base} `];
  const items = parseTaskList(base);
  const toTick = itemsToTick(base, facts, ctx);
  const parse = time(RUNS, (i) => parseTaskList(variants[i % 2]));
  const matchCold = time(RUNS, (i) => itemsToTick(variants[i % 2], facts, ctx));
  parseTaskList(base);
  const matchWarm = time(RUNS, () => itemsToTick(base, facts, ctx));
  const classifyWarm = time(RUNS, () => classifyItems(base, ctx));
  const tick = time(RUNS * 5, () => setChecked(base, toTick, true));
  console.log(`${label}: ${base.length} chars, ${items.length} items, ${toTick.length} to tick`);
  console.log(`  parseTaskList              ${parse.toFixed(1)} ms`);
  console.log(`  itemsToTick (with parse)   ${matchCold.toFixed(1)} ms`);
  console.log(`  itemsToTick (parsed)       ${matchWarm.toFixed(1)} ms`);
  console.log(`  classifyItems (parsed)     ${classifyWarm.toFixed(1)} ms`);
  console.log(`  setChecked                 ${tick.toFixed(1)} ms`);
  console.log(
    `  parse + match + tick       ${(parse + matchWarm + tick).toFixed(1)} ms (median of ${RUNS} runs each)`,
  );
}
