// Checklist benchmark: parse, match and tick a rollout issue description at GitLab's size
// limit (1,048,576 characters), built from the checklist fixtures repeated, with and without
// pasted logs, and once with no item text repeated (the parser and the classifier reuse their
// work on repeated texts; that document shows the cost without it). Prints the median of N
// runs of each step, wall clock and CPU time. Every timed parse starts from scratch
// (parseTaskList caches only its last input; see below).
//
// Run on the built JS: `npm run build && node bench/checklist.bench.mjs [runs]`

import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { classifyItems, itemsToTick, parseTaskList, setChecked } from "../build/bench-kit.js";
import { context as ctx, facts } from "./checklist-run.mjs";

const LIMIT = 1_048_576;
const RUNS = Number(process.argv[2] ?? 15);
const fixtures = join(import.meta.dirname, "../test/fixtures/checklist");
const read = (name) => readFileSync(join(fixtures, `${name}.md`), "utf8");

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

/** A list item's line, unless it ends with ":" (it may introduce a code block). */
const ITEM_LINE = /^\s*(?:[-*+]|\d+[.)]) .*[^:\s]$/gm;

/**
 * Repeats sections until the text is one character short of the limit (room for a
 * cache-busting space). `distinct`: a number at the end of each list item's line, so that no
 * item text repeats and nothing gains from the parser's and the classifier's reuse of
 * repeated texts.
 */
function build({ withLogs = false, distinct = false } = {}) {
  const sections = [
    read("four-space-nesting"),
    read("inline-commands"),
    read("plain-items"),
    read("ff-rollout-template"),
  ];
  let text = "";
  let n = 0;
  for (let i = 0; text.length < LIMIT; i++) {
    const section = sections[i % sections.length];
    text += `${distinct ? section.replace(ITEM_LINE, (line) => `${line} n${n++}`) : section}\n\n`;
    if (withLogs) text += logSection(i);
  }
  return text.slice(0, LIMIT - 1);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median wall-clock and CPU milliseconds of `runs` calls. On a shared machine the wall clock
 * also counts time spent waiting for a core, which the CPU time does not; the CPU time counts
 * the garbage collector's helper threads too, so on an idle machine it exceeds the wall clock.
 */
function time(runs, fn) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn(i);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const ms = ({ wall, cpu }) => `${wall.toFixed(1).padStart(6)} ms  (cpu ${cpu.toFixed(1)} ms)`;
const sum = (...times) => ({
  wall: times.reduce((total, t) => total + t.wall, 0),
  cpu: times.reduce((total, t) => total + t.cpu, 0),
});

for (const [label, base] of [
  ["checklists only", build()],
  ["checklists + pasted logs", build({ withLogs: true })],
  ["checklists, no item text repeated", build({ distinct: true })],
]) {
  // parseTaskList caches its last input: alternate two texts, neither of them the one parsed
  // last, so that every timed run parses from scratch.
  const variants = [`${base} `, base];
  const items = parseTaskList(base);
  const toTick = itemsToTick(base, facts, ctx);
  parseTaskList("");
  const parse = time(RUNS, (i) => parseTaskList(variants[i % 2]));
  parseTaskList("");
  const matchCold = time(RUNS, (i) => itemsToTick(variants[i % 2], facts, ctx));
  // What a phase run does: parse, match and tick a description it has just read.
  parseTaskList("");
  const endToEnd = time(RUNS, (i) => {
    const text = variants[i % 2];
    setChecked(text, itemsToTick(text, facts, ctx), true);
  });
  parseTaskList(base);
  const matchWarm = time(RUNS, () => itemsToTick(base, facts, ctx));
  const classifyWarm = time(RUNS, () => classifyItems(base, ctx));
  const tick = time(RUNS * 5, () => setChecked(base, toTick, true));
  console.log(`${label}: ${base.length} chars, ${items.length} items, ${toTick.length} to tick`);
  console.log(`  parseTaskList              ${ms(parse)}`);
  console.log(`  itemsToTick (with parse)   ${ms(matchCold)}`);
  console.log(`  itemsToTick (parsed)       ${ms(matchWarm)}`);
  console.log(`  classifyItems (parsed)     ${ms(classifyWarm)}`);
  console.log(`  setChecked                 ${ms(tick)}`);
  console.log(`  parse + match + tick       ${ms(sum(parse, matchWarm, tick))}  sum of the above`);
  console.log(`  end to end, fresh text     ${ms(endToEnd)}  itemsToTick with parse, setChecked`);
  console.log(`  (medians of ${RUNS} runs each; load average ${loadavg()[0]?.toFixed(2)})`);
}
