// `--json` prints one JSON result on every exit: refused, bad input and failed runs included,
// with the schema version, the outcome, the reasons with their kind and what changed. Here the
// exits that need no GitLab; the integration tests cover the ones that talk to the sandbox.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonResult, RESULT_SCHEMA_VERSION } from "../../../src/commands/json-result.js";
import { ConfigError, GitLabError, RefusalError, UsageError } from "../../../src/errors.js";
import { runCli } from "../../helpers/cli.js";
import { BASE_ENV, baseConfig, tempDir, writeConfig } from "../../helpers/config-files.js";

const io = { env: {}, cwd: "/" };

describe("ff-rollout --json", () => {
  it.each([
    [
      ["run", "global", "--dryrun", "--json"],
      "run",
      { kind: "usage", path: "--dryrun", message: "unknown option; did you mean --dry-run?" },
    ],
    [
      ["run", "global", "--dry-run=no", "--json"],
      "run",
      {
        kind: "usage",
        path: "--dry-run",
        value: "no",
        message: "takes no value; write --dry-run alone",
      },
    ],
    [
      ["status", "--percentage", "10", "--json"],
      "status",
      {
        kind: "usage",
        path: "--percentage",
        value: "10",
        message: expect.stringMatching(/^not an option of status; status takes --config, /),
      },
    ],
    [
      ["run", "warp-speed", "--json"],
      "run warp-speed",
      {
        kind: "usage",
        path: "phase",
        value: "warp-speed",
        message: expect.stringMatching(/^unknown phase; choose one of: non-production, /),
      },
    ],
  ])("prints one result for a bad command line: %j", async (args, command, reason) => {
    const result = await runCli(args, io);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      schemaVersion: RESULT_SCHEMA_VERSION,
      command,
      outcome: "invalid-input",
      exitCode: 2,
      reasons: [reason],
      changes: { instances: [], issue: [] },
      result: null,
    });
    // The story and the error stay on stderr, stdout is the JSON alone.
    expect(result.stderr).toContain("ERROR: Usage error: ");
  });

  it("prints one result for an invalid config, every problem a reason", async () => {
    const { dir, path } = writeConfig({ ...baseConfig(), percentages: [50, 10], soak_minutes: -1 });
    const result = await runCli(["status", "--config", path, "--json"], {
      env: BASE_ENV,
      cwd: dir,
    });
    expect(result.code).toBe(2);
    const printed = JSON.parse(result.stdout);
    expect(printed.outcome).toBe("invalid-input");
    expect(printed.reasons.map((r: { path: string }) => r.path).sort()).toEqual(
      ["percentages.1", "soak_minutes"].sort(),
    );
  });

  it("without --json prints no JSON at all", async () => {
    const result = await runCli(["run", "global", "--dryrun"], io);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });
});

describe("jsonResult", () => {
  it("gives a refusal's reasons with their kind, and no change", () => {
    const refusal = new RefusalError("global refused", [
      { kind: "not-now", reason: "soak not over" },
      { kind: "never", reason: "flag unknown on production" },
    ]);
    expect(jsonResult("run global", 1, {}, refusal)).toMatchObject({
      outcome: "refused",
      reasons: [
        { kind: "not-now", message: "soak not over" },
        { kind: "never", message: "flag unknown on production" },
      ],
      changes: { instances: [], issue: [] },
    });
  });

  it("keeps what a run changed before GitLab stopped it, and the GitLab error's kind", () => {
    const error = new GitLabError("PUT features on staging failed with 500", "server", {
      instance: "staging",
      method: "PUT",
      path: "/features/x",
    });
    error.changes = {
      instances: [
        {
          environment: "dev",
          status: "changed",
          before: { boolean: false },
          after: { boolean: true },
        },
      ],
      issue: [],
    };
    expect(jsonResult("run non-production", 3, {}, error)).toMatchObject({
      outcome: "gitlab-error",
      reasons: [{ kind: "server" }],
      changes: { instances: [{ environment: "dev", status: "changed" }] },
    });
  });

  it("names a bug as an internal error", () => {
    expect(jsonResult("status", 3, {}, new TypeError("x is undefined"))).toMatchObject({
      outcome: "internal-error",
      reasons: [{ kind: "internal", message: "x is undefined" }],
    });
  });

  it("takes the command's own outcome and result on success", () => {
    const output = { result: { phase: "global" }, outcome: "nothing-to-do" as const };
    expect(jsonResult("run global", 0, output)).toMatchObject({
      outcome: "nothing-to-do",
      exitCode: 0,
      reasons: [],
      result: { phase: "global" },
    });
  });

  it("lists every problem of a UsageError with its option and value", () => {
    const error = new UsageError([
      { option: "--environment", value: ["qa", "eu"], problem: "unknown", fix: "use dev" },
      { option: "--force", problem: "needs a reason", fix: "add --reason" },
    ]);
    expect(error.message).toBe(
      'Usage error (2 problems):\n  - --environment "qa", "eu": unknown; use dev\n  - --force: needs a reason; add --reason',
    );
    expect(jsonResult("run rollback", 2, {}, error)).toMatchObject({
      outcome: "invalid-input",
      reasons: [
        { kind: "usage", path: "--environment", value: ["qa", "eu"], message: "unknown; use dev" },
        { kind: "usage", path: "--force", message: "needs a reason; add --reason" },
      ],
    });
  });

  it("lists every problem of a ConfigError with its path", () => {
    const error = new ConfigError([
      { path: "flag", message: "is required" },
      { path: "", message: "no path" },
    ]);
    expect(jsonResult("status", 2, {}, error).reasons).toEqual([
      { kind: "invalid", path: "flag", message: "is required" },
      { kind: "invalid", message: "no path" },
    ]);
  });
});

describe("the config file, found from a subfolder", () => {
  function repository(): string {
    const root = tempDir();
    mkdirSync(join(root, ".git"));
    mkdirSync(join(root, ".gitlab"));
    mkdirSync(join(root, "app", "models"), { recursive: true });
    return root;
  }

  it("is found in the nearest folder above, up to the repository root", async () => {
    const root = repository();
    // An invalid config proves it was read (exit 2 naming its content), without any request.
    writeFileSync(join(root, ".gitlab", "ff-rollout.yml"), "percentages: [50, 10]\n");
    const result = await runCli(["status", "--json"], {
      env: BASE_ENV,
      cwd: join(root, "app", "models"),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("percentages.1");
  });

  it("is not looked for above the repository root", async () => {
    const outer = tempDir();
    mkdirSync(join(outer, ".gitlab"));
    writeFileSync(join(outer, ".gitlab", "ff-rollout.yml"), "percentages: [50, 10]\n");
    const inner = join(outer, "repo");
    mkdirSync(join(inner, ".git"), { recursive: true });
    const result = await runCli(["status"], { env: BASE_ENV, cwd: inner });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      ".gitlab/ff-rollout.yml: config file not found here or in a folder above, up to the repository's root",
    );
  });
});
