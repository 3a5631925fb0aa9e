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

  // A bad command line is a usage error, never "Invalid configuration": the person fixes what
  // they typed, so the message names the option, what was typed and what to type instead.
  it.each([
    [
      ["frobnicate"],
      'command "frobnicate": unknown command; use status, run, release-check, readiness, watch, advance, sandbox or demo (see --help)',
    ],
    [["run"], "phase: missing; choose one of: non-production"],
    [["run", "warp-speed"], 'phase "warp-speed": unknown phase; choose one of: non-production'],
    [
      ["run", "global", "now", "please"],
      'arguments "now", "please": unexpected after run global; see ff-rollout run --help',
    ],
    [["status", "--colour"], "--colour: unknown option; see ff-rollout status --help"],
    [["run", "global", "--dryrun"], "--dryrun: unknown option; did you mean --dry-run?"],
    [["run", "global", "--dryrun=yes"], '--dryrun "yes": unknown option; did you mean --dry-run?'],
    [["status", "--reprot", "x.json"], "--reprot: unknown option; did you mean --report?"],
    [["status", "--json=yes"], '--json "yes": takes no value; write --json alone'],
    [["status", "--report"], "--report: needs a value; write --report VALUE"],
    [
      ["status", "--percentage", "10"],
      '--percentage "10": not an option of status; status takes --config, --json, --help, --flag, --rollout-issue, --report',
    ],
    [
      ["readiness", "--dry-run"],
      "--dry-run: not an option of readiness; readiness takes --config, --json, --help, --flag, --rollout-issue, --all, --junit, --report",
    ],
    [
      ["run", "global", "--percentage", "10"],
      '--percentage "10": applies to run rollout, run non-production only, not to run global; run global without it',
    ],
    [
      ["run", "rollback", "--force"],
      "--force: applies to run non-production, run production-actors",
    ],
    [["sandbox", "--json"], "--json: not an option of sandbox"],
    [["sandbox", "--port", "http"], '--port "http": not a port number; give one from 0 to 65535'],
    [
      ["run", "rollout", "--percentage", "1e1"],
      '--percentage "1e1": not a percentage above 0 and below 100 written in decimal digits; write one such as 25 or 0.5',
    ],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    const result = await runCli(args, io);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`ERROR: Usage error: ${message}`);
    expect(result.stderr).not.toContain("configuration");
  });

  it("lists every usage problem at once", async () => {
    const result = await runCli(["status", "--percentage", "10", "--everywhere"], io);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ERROR: Usage error (2 problems):\n");
    expect(result.stderr).toContain('  - --percentage "10": not an option of status;');
    expect(result.stderr).toContain("  - --everywhere: not an option of status;");
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
