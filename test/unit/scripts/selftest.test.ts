// scripts/selftest.ts, the component self-test's steps: the sandbox it starts serves the status
// command with the env file it writes, and verify accepts only the flag's own report.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../scripts/lib/repo.js";
import { reportProblem, startSandbox } from "../../../scripts/selftest.js";

function envFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe("selftest", () => {
  it("start: a background sandbox and an env file with which status runs against it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "selftest-"));
    const env = envFile(await startSandbox("0", dir));
    const pid = Number(env.SANDBOX_PID);
    try {
      expect(Object.keys(env).sort()).toEqual(
        [
          "FF_DEV_TOKEN",
          "FF_ISSUES_TOKEN",
          "FF_PROD_TOKEN",
          "FF_ROLLOUT_CONFIG",
          "FF_STAGING_TOKEN",
          "SANDBOX_PID",
        ].sort(),
      );
      const status = spawnSync(
        process.execPath,
        [join(REPO_ROOT, "dist/cli.js"), "status", "--report", "ff-rollout-report.json"],
        { cwd: dir, env: { PATH: process.env.PATH, ...env }, encoding: "utf8" },
      );
      expect(status.status, status.stderr).toBe(0);
      expect(reportProblem(join(dir, "ff-rollout-report.json"), "new_pipeline_graph")).toBe(
        undefined,
      );
    } finally {
      process.kill(pid);
    }
  });

  it("verify: names what is wrong with a missing, foreign or empty report", () => {
    const dir = mkdtempSync(join(tmpdir(), "selftest-"));
    const report = join(dir, "report.json");
    expect(reportProblem(report, "my_flag")).toMatch(/is missing/);
    writeFileSync(report, "{");
    expect(reportProblem(report, "my_flag")).toMatch(/is not JSON/);
    writeFileSync(report, JSON.stringify({ flag: "other_flag", instances: [{}] }));
    expect(reportProblem(report, "my_flag")).toMatch(/report of "other_flag", not my_flag/);
    writeFileSync(report, JSON.stringify({ flag: "my_flag", instances: [] }));
    expect(reportProblem(report, "my_flag")).toMatch(/lists no instance/);
  });
});
