#!/usr/bin/env node
// The executable: reads the process's arguments and environment once, runs main(), and is the
// only place that exits the process.

import { processEnv } from "./config.js";
import { main } from "./main.js";
import { processSink } from "./report/logger.js";

const code = await main(process.argv.slice(2), {
  env: processEnv(),
  cwd: process.cwd(),
  sink: processSink,
  untilStopped: () =>
    new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }),
});
process.exitCode = code;
if (code !== 0 || process.argv.includes("--version")) process.exit(code);
