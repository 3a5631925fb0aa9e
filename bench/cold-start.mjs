// Cold start of the bundled CLI alone: `node -e 0`, `--version`, `status` and a re-run of
// `run non-production` against a local sandbox, as fresh processes, medians side by side (see
// bench/startup.mjs). `npm run bench` prints the same figures among the other goals.
// Run after `npm run build`: `node bench/cold-start.mjs [runs]`.

import { cpus } from "node:os";
import { startup } from "./startup.mjs";

const figures = await startup({ runs: Number(process.argv[2] ?? 15) });
const base = figures["node -e 0"];
console.log(`Cold start on Node ${process.version}, ${cpus().length} cores`);
for (const [name, { ms, rssMiB }] of Object.entries(figures)) {
  console.log(
    `${name.padEnd(20)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base.ms).toFixed(2)} x node -e 0   peak RSS ${rssMiB.toFixed(1)} MiB`,
  );
}
