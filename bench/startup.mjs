// Start-up of the bundled CLI as fresh processes, side by side with `node -e 0` in one run:
// `--version`, and the commands that talk to GitLab against a local sandbox (in this process;
// the children are spawned asynchronously so that it can answer). Every sample also records the
// child's peak resident memory (a hook loaded with --import writes it when the process exits).
// bench/run.mjs prints the figures; `node bench/cold-start.mjs` prints them alone.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { demoConfig, demoSeed, demoTokens, startSandbox } from "../build/bench-kit.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One fresh process: wall milliseconds and peak RSS in MiB. */
async function sample(argv, env, dir) {
  const rssFile = join(dir, "rss");
  const hook = `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`;
  const started = process.hrtime.bigint();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", hook, ...argv], {
      env: { ...process.env, ...env },
      cwd: dir,
      stdio: "ignore",
    });
    child.on("exit", resolve);
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`${argv.join(" ")} exited with ${code}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

/**
 * Medians over `runs` rounds; each round runs every command once, in turn, so that a load on the
 * machine touches them alike. The hook costs every process the same, `node -e 0` included.
 */
export async function startup({ runs = 15 } = {}) {
  const sandbox = await startSandbox({ seed: demoSeed() });
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-startup-"));
  try {
    const config = join(dir, "ff-rollout.yml");
    writeFileSync(config, stringify(demoConfig((n) => sandbox.instanceUrl(n))));
    const t = demoTokens();
    const env = {
      FF_DEV_TOKEN: t.dev,
      FF_STAGING_TOKEN: t.staging,
      FF_PROD_TOKEN: t.production,
      FF_ISSUES_TOKEN: t.production,
      CI_JOB_ID: "1",
    };
    const common = ["--config", config];
    const commands = {
      "node -e 0": ["-e", "0"],
      "--version": [CLI, "--version"],
      // As the component's status job runs it: with its report. `run` takes no --report.
      status: [CLI, "status", ...common, "--report", join(dir, "r.json")],
      "run non-production": [CLI, "run", "non-production", ...common],
    };
    // The first non-production run changes the flags; the timed ones find them done and still
    // read everything a run reads (a re-run in CI does the same).
    for (const argv of Object.values(commands)) await sample(argv, env, dir);
    const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name, argv] of Object.entries(commands)) {
        samples[name].push(await sample(argv, env, dir));
      }
    }
    return Object.fromEntries(
      Object.entries(samples).map(([name, list]) => [
        name,
        { ms: median(list.map((s) => s.ms)), rssMiB: median(list.map((s) => s.rssMiB)) },
      ]),
    );
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
