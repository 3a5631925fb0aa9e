// The component self-test's steps in the project's pipeline (.gitlab/ci/component-selftest.yml):
// this commit's components run their status job against the CLI's own GitLab API sandbox.
//
//   tsx scripts/selftest.ts start <port>           starts `ff-rollout sandbox` (the demo's world)
//       in the background and writes selftest.env: its config's path and its tokens, for the job
//       to load (set -a; . ./selftest.env; set +a) and SANDBOX_PID to stop it
//   tsx scripts/selftest.ts verify <report> <flag> the status job wrote its report for the flag

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { echo, sleep } from "zx";
import { runScript, ScriptError } from "./lib/main.js";
import { isMain, REPO_ROOT } from "./lib/repo.js";

/** Starts the sandbox in the background; resolves with the env file it wrote for the job. */
export async function startSandbox(port: string, cwd: string): Promise<string> {
  const logPath = join(cwd, "sandbox.log");
  const log = openSync(logPath, "w");
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, "dist/cli.js"), "sandbox", "--port", port],
    {
      cwd,
      detached: true,
      stdio: ["ignore", log, log],
    },
  );
  closeSync(log);
  child.unref();
  const field = (text: string, label: string) =>
    new RegExp(`^${label}: (\\S+)`, "m").exec(text)?.[1];
  for (let waited = 0; waited < 15_000; waited += 100) {
    const text = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    const config = field(text, "Config");
    const tokens = field(text, "Tokens");
    if (config && tokens && /^Variables: /m.test(text)) {
      const env = join(cwd, "selftest.env");
      const lines = [`FF_ROLLOUT_CONFIG=${config}`, `SANDBOX_PID=${child.pid}`];
      writeFileSync(env, `${lines.join("\n")}\n${readFileSync(tokens, "utf8")}`, { mode: 0o600 });
      echo(text.trim());
      return env;
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  throw new ScriptError(`the sandbox did not start:\n${readFileSync(logPath, "utf8")}`);
}

/** What is wrong with the status job's report, or undefined when it is the flag's. */
export function reportProblem(path: string, flag: string): string | undefined {
  if (!existsSync(path)) return `${path} is missing: the status job wrote no report`;
  let report: { flag?: unknown; instances?: unknown[] };
  try {
    report = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return `${path} is not JSON: ${(error as Error).message}`;
  }
  if (report.flag !== flag)
    return `${path} is the report of ${JSON.stringify(report.flag)}, not ${flag}`;
  if (!Array.isArray(report.instances) || report.instances.length === 0) {
    return `${path} lists no instance`;
  }
  return undefined;
}

if (isMain(import.meta.url)) {
  const usage = "tsx scripts/selftest.ts start <port> | verify <report> <flag>";
  await runScript("selftest", usage, 2, async ([command, a = "", b = ""]) => {
    if (command === "start") await startSandbox(a, process.cwd());
    else if (command === "verify" && b) {
      const problem = reportProblem(a, b);
      if (problem) throw new ScriptError(problem);
      echo(`selftest: ${a} is the status report of ${b}`);
    } else throw new ScriptError(`usage: ${usage}`, 2);
    return 0;
  });
}
