// The CLI's contract without GitLab: version, help, exit code 2 for bad input.

import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

const io = { env: {}, cwd: "/" };

describe("ff-rollout", () => {
  it("prints its version", async () => {
    const result = await runCli(["--version"], io);
    expect(result).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
      stderr: "",
    });
  });

  it("prints help for itself and for each command", async () => {
    expect((await runCli(["--help"], io)).stdout).toContain("Usage: ff-rollout <command>");
    for (const command of ["status", "run", "sandbox", "demo"]) {
      const result = await runCli([command, "--help"], io);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: ff-rollout ${command}`);
    }
  });

  it.each([
    [
      ["frobnicate"],
      'command: unknown command "frobnicate"; use status, run, release-check, readiness, watch, sandbox or demo (see --help)',
    ],
    [["run"], "phase: missing; choose one of: non-production"],
    [["run", "warp-speed"], 'phase: unknown phase "warp-speed"; choose one of: non-production'],
    [["status", "--colour"], "--colour: unknown option; see ff-rollout status --help"],
    [["run", "global", "--dryrun"], "--dryrun: unknown option; did you mean --dry-run?"],
    [["status", "--reprot", "x.json"], "--reprot: unknown option; did you mean --report?"],
    [
      ["status", "--percentage", "10"],
      "--percentage: is not an option of status; status takes --config, --json, --help, --flag, --rollout-issue, --report",
    ],
    [
      ["run", "global", "--percentage", "10"],
      "--percentage: applies to run rollout, run non-production only, not to run global",
    ],
    [
      ["run", "rollback", "--force"],
      "--force: applies to run non-production, run production-actors",
    ],
    [["sandbox", "--json"], "--json: is not an option of sandbox"],
    [["sandbox", "--port", "http"], '--port: "http" is not a port number (0-65535)'],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    const result = await runCli(args, io);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("exits 2 without touching the network when the config is invalid", async () => {
    const { dir, path } = writeConfig({ ...baseConfig(), percentages: [50, 10] });
    const result = await runCli(["status", "--config", path], { env: BASE_ENV, cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "percentages.1: must be above the step before it (10 after 50)",
    );
  });
});
