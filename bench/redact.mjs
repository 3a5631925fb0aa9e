// Redaction benchmark: every request body sent to GitLab passes the redactor (src/report/
// redact.ts), the largest being a rollout issue description at GitLab's limit (1,048,576
// characters) when a box is ticked. Prints the median time to redact such a body with four
// tokens registered, as a ratio to JSON.parse + JSON.stringify of the same body (what sending it
// costs anyway), side by side in one run.
//
// Run on the built JS: `npm run build && node bench/redact.mjs [runs]`

import { performance } from "node:perf_hooks";
import { Redactor } from "../build/bench-kit.js";

const RUNS = Number(process.argv[2] ?? 15);
const TOKENS = [
  "glpat-Xq4vB7nR2kLm9TzW0pYd",
  "glpat-Ab3vB7nR2kLm9TzW0pYe",
  "sandbox-production-admin-0003",
  "glpat-issues-0123456789abcdef",
];
const line = "- [ ] `/chatops run feature set my_flag true --dev --staging` item 12345\n";
const body = JSON.stringify({ description: line.repeat(Math.floor(1_048_576 / line.length)) });
const redactor = new Redactor(TOKENS);

function median(f) {
  f();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const json = median(() => JSON.stringify(JSON.parse(body)));
const redact = median(() => redactor.redact(body));
console.log(
  `redact a ${(body.length / 1_048_576).toFixed(2)} MiB request body, 4 tokens (${RUNS} runs, medians):`,
);
console.log(`  JSON.parse + stringify  ${json.toFixed(1)} ms  (1.00)`);
console.log(`  redact                  ${redact.toFixed(1)} ms  (${(redact / json).toFixed(2)})`);
