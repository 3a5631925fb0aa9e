// Bad input is exit 2 ("fix your input"), never 3 ("GitLab failed" or a bug), and is found before
// any request: one row per case, each through the CLI against a strict sandbox that accepts no
// request at all. Each message names the field and the fix, never a secret's value.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, standardSeed } from "../../helpers/seeds.js";

// Aliases of aliases: ten copies of ten copies ... (a "billion laughs"), appended to the config.
const ALIAS_BOMB = [
  "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
  ...Array.from(
    { length: 8 },
    (_, i) => `x${i + 1}: &x${i + 1} [${Array(10).fill(`*x${i}`).join(", ")}]`,
  ),
].join("\n");

interface Case {
  name: string;
  args: string[];
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Raw YAML appended to the config file. */
  append?: string;
  message: RegExp;
  /** A value that must not be printed. */
  secret?: string;
}

const CASES: Case[] = [
  {
    name: "malformed %-encoding in rollout_issue",
    args: ["status"],
    config: { rollout_issue: "SANDBOX/gitlab-org%ZZ/gitlab/-/issues/42" },
    message: /rollout_issue: .*malformed %-escape/,
  },
  {
    name: "a YAML alias bomb",
    args: ["status"],
    append: ALIAS_BOMB,
    message: /ff-rollout\.yml: uses YAML aliases .* that expand too much/,
  },
  {
    name: "a token with an inner line break",
    args: ["status"],
    env: { FF_PROD_TOKEN: "glpat-first-half\nsecond-half-9f8e7d" },
    message:
      /environments\.production\.token_env: variable FF_PROD_TOKEN holds whitespace or a control character/,
    secret: "second-half-9f8e7d",
  },
  {
    name: "an empty deployments.project",
    args: ["status"],
    config: { deployments: { project: "", production: ["gprd"] } },
    message: /deployments\.project: must be the project whose deployments/,
  },
  {
    name: "--report in a directory that does not exist",
    args: ["status", "--report", "no/such/dir/report.json"],
    message:
      /Usage error: --report "no\/such\/dir\/report\.json": is in .*no\/such\/dir, which does not exist; choose a file path that can be written/,
  },
  {
    name: "--junit naming a directory",
    args: ["readiness", "--junit", "."],
    message: /Usage error: --junit "\.": is a directory/,
  },
  {
    name: "--percentage 0x10 (decimal only)",
    args: ["run", "rollout", "--percentage", "0x10"],
    message:
      /Usage error: --percentage "0x10": not a percentage .* in decimal digits; write one such as 25 or 0\.5/,
  },
  {
    name: "a percentage that is not configured",
    args: ["run", "rollout", "--percentage", "33"],
    message:
      /Usage error: --percentage "33": not one of the configured percentages \(1, 10, 25, 50, 75\); use one of them/,
  },
  {
    name: "an environment name outside [a-z0-9_-]",
    args: ["status"],
    config: {
      environments: {
        "staging.eu": { url: "https://s.example.com", token_env: "FF_X", tier: "non-production" },
        production: { url: "SANDBOX", token_env: "FF_PROD_TOKEN", tier: "production" },
      },
    },
    message: /environments\.staging\.eu: is not an environment name/,
  },
  {
    name: "an unknown name in flags.<flag>.environments",
    args: ["status"],
    config: { flags: { [FLAG]: { environments: ["staging", "qa"] } } },
    message:
      /flags\.sandbox_rollout_flag\.environments\.1: "qa" is not a configured environment; use one of: dev, staging, production/,
  },
  {
    name: "flags.<flag>.environments without production",
    args: ["status"],
    config: { flags: { [FLAG]: { environments: ["staging"] } } },
    message:
      /flags\.sandbox_rollout_flag\.environments: must include an environment of tier production/,
  },
];

describe("bad input: exit 2 before any request", () => {
  const sb = useStrictSandbox(() => standardSeed(), { scope: "file" });

  it.each(CASES)("$name", async (c) => {
    sb.expectRequests([]);
    const production = sb.instanceUrl("production");
    const config = JSON.parse(JSON.stringify(c.config ?? {}).replaceAll("SANDBOX", production));
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), config);
    if (c.append) writeFileSync(s.path, `${readFileSync(s.path, "utf8")}\n${c.append}\n`);
    const result = await runCli(s.args(...c.args), { cwd: s.dir, env: { ...s.env, ...c.env } });
    expect(result.stderr).toMatch(c.message);
    expect(result.code).toBe(2);
    expect(sb.requests()).toEqual([]);
    if (c.secret) expect(result.stdout + result.stderr).not.toContain(c.secret);
    // Nothing was written either.
    expect(() => readFileSync(join(s.dir, "ff-rollout-report.json"))).toThrow();
  });
});
