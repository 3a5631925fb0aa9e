// `ff-rollout readiness [--all]`: the scheduled rollback-readiness check. Prints a summary table,
// writes a JUnit report (GitLab's test report) and a JSON report, and exits 1 when any flag is
// not ready: the job's status is the verdict.

import { writeFileSync } from "node:fs";
import { EXIT } from "../errors.js";
import { renderJunit } from "../readiness/junit.js";
import { runReadiness } from "../readiness/run.js";
import { type FlagReadiness, VERDICT_LABEL } from "../readiness/types.js";
import type { CommandContext } from "./context.js";
import { writablePath } from "./output-paths.js";
import { setup } from "./setup.js";
import { writeReport } from "./status.js";

export const DEFAULT_JUNIT = "ff-rollout-readiness.xml";
export const DEFAULT_READINESS_REPORT = "ff-rollout-readiness.json";

export async function readinessCommand(cmd: CommandContext): Promise<number> {
  const { values } = cmd.args;
  const all = values.all === true;
  const reportPath = writablePath(
    cmd.io.cwd,
    values.report ?? DEFAULT_READINESS_REPORT,
    "--report",
  );
  const junitPath = writablePath(cmd.io.cwd, values.junit ?? DEFAULT_JUNIT, "--junit");
  const started = Date.now();
  const ports = setup(cmd, { flagOptional: all });
  const results = await runReadiness(ports, all);
  const seconds = (Date.now() - started) / 1000;

  const waits = [...ports.clients.values(), ports.issuesClient].reduce(
    (n, c) => n + c.pacer.waits,
    0,
  );
  await ports.logger.section("Readiness", async () =>
    printSummary(results, ports.logger.info.bind(ports.logger)),
  );
  const report = {
    generatedAt: ports.now().toISOString(),
    durationSeconds: seconds,
    flags: results,
    summary: count(results),
    rateLimitWaits: waits,
  };
  const safe = cmd.redactor.redactValue(report);
  writeReport(safe, reportPath, cmd.io.cwd, cmd.redactor);
  writeFileSync(junitPath, cmd.redactor.redact(renderJunit(results, seconds)));
  const notReady = results.filter((r) => r.verdict === "not-ready");
  cmd.output = {
    result: safe,
    reasons: notReady.flatMap((r) =>
      r.checks
        .filter((c) => c.verdict === "not-ready")
        .map((c) => ({ kind: "not-ready", message: `${r.flag}: ${c.name}: ${c.reason}` })),
    ),
  };
  return notReady.length > 0 ? EXIT.refused : EXIT.ok;
}

function count(results: FlagReadiness[]) {
  return {
    flags: results.length,
    ready: results.filter((r) => r.verdict === "ready").length,
    warning: results.filter((r) => r.verdict === "warning").length,
    notReady: results.filter((r) => r.verdict === "not-ready").length,
  };
}

function printSummary(results: FlagReadiness[], say: (text: string) => void): void {
  const width = Math.min(48, Math.max(4, ...results.map((r) => r.flag.length)));
  say(`  ${"flag".padEnd(width)}  verdict     first problem`);
  for (const r of results) {
    const problem = r.checks.find((c) => c.verdict === r.verdict && r.verdict !== "ready");
    say(
      `  ${r.flag.padEnd(width)}  ${VERDICT_LABEL[r.verdict].padEnd(10)}  ${problem ? `${problem.name}: ${problem.reason}` : ""}`,
    );
  }
  const c = count(results);
  say(
    `  ${c.flags} flag(s): ${c.ready} ready, ${c.warning} with warnings, ${c.notReady} not ready`,
  );
}
