// Cold start of the CLI: `ff-rollout --version` and `ff-rollout status` against the sandbox, each
// run as a fresh process, median of 20 runs. Run with `npm run bench` (builds first).
// Target: --version at most 150 ms median on the 2-core reference machine.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { demoConfig, demoSeed, demoTokens, startSandbox } from "../build/bench-kit.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const cli = new URL("../dist/cli.js", import.meta.url).pathname;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// spawnSync blocks this process's event loop, and the sandbox runs in it: spawn asynchronously.
async function time(argv, env = {}) {
  const started = process.hrtime.bigint();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`${argv.join(" ")} exited with ${code}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function measure(label, argv, env) {
  await time(argv, env); // warm the file system cache once
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(await time(argv, env));
  const fmt = (n) => `${n.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(34)} median ${fmt(median(samples))}  min ${fmt(Math.min(...samples))}  max ${fmt(Math.max(...samples))}  (${RUNS} runs)`,
  );
  return median(samples);
}

const sandbox = await startSandbox({ seed: demoSeed() });
const dir = mkdtempSync(join(tmpdir(), "ff-rollout-bench-"));
try {
  const config = join(dir, "ff-rollout.yml");
  writeFileSync(config, stringify(demoConfig((n) => sandbox.instanceUrl(n))));
  const t = demoTokens();
  const env = {
    FF_DEV_TOKEN: t.dev,
    FF_STAGING_TOKEN: t.staging,
    FF_PROD_TOKEN: t.production,
    FF_ISSUES_TOKEN: t.production,
  };
  console.log(`Cold start on ${process.version}, ${(await import("node:os")).cpus().length} cores`);
  await measure("node -e 0 (Node's own start, the floor)", ["-e", "0"]);
  const version = await measure("ff-rollout --version", [cli, "--version"]);
  await measure(
    "ff-rollout status (3 instances)",
    [cli, "status", "--config", config, "--report", join(dir, "r.json")],
    env,
  );
  console.log(`--version target 150 ms: ${version <= 150 ? "met" : "NOT met"}`);
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
