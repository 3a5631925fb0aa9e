// The README's "Try it locally", step by step: `ff-rollout sandbox` with the demo's world writes
// a config and a variables file; a project holding the README's .gitlab-ci.yml (the component
// copied in, this build as the cli) runs its status job with gitlab-ci-local against it.

import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { yamlBlocks } from "../helpers/readme-blocks.js";
import { runGitlabCiLocal } from "./helpers/gitlab-ci-local.js";
import { CLI } from "./helpers/sandbox-process.js";
import { describeE2e } from "./helpers/suite.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Starts `ff-rollout sandbox` (no seed: the demo's world) and reads the files it announces. */
async function startSandbox() {
  const child = spawn(process.execPath, [CLI, "sandbox", "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sandbox within 15 s:\n${out}`)), 15_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (/^Variables: /m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`the sandbox exited with ${code}:\n${out}`)));
  });
  const path = (label: string) => new RegExp(`^${label}: (\\S+)`, "m").exec(out)?.[1] ?? "";
  return {
    out,
    config: path("Config"),
    variables: path("Variables"),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

describeE2e("the README's Try it locally", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), "try-ff-rollout-"));
    mkdirSync(join(dir, ".gitlab"));
    cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
    cpSync(sandbox.config, join(dir, ".gitlab", "ff-rollout.yml"));
    cpSync(sandbox.variables, join(dir, ".gitlab-ci-local-variables.yml"));
    writeFileSync(join(dir, ".gitignore"), ".gitlab-ci-local-variables.yml\n.gitlab-ci-local/\n");
    const [block] = yamlBlocks().filter((b) => b.text.includes("local: templates/rollout"));
    if (!block) throw new Error("the README has no Try it locally pipeline");
    writeFileSync(
      join(dir, ".gitlab-ci.yml"),
      block.text.replace("/path/to/your/clone/dist/cli.js", CLI),
    );
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "--quiet", "--initial-branch=main");
    git("add", "--all");
    git("-c", "user.name=try", "-c", "user.email=try@example.com", "commit", "-qm", "try");
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the sandbox writes the tokens its config names as a variables file, printing none", () => {
    const config = parse(readFileSync(sandbox.config, "utf8")) as {
      environments: Record<string, { token_env: string }>;
      issues: { token_env: string };
    };
    const names = [
      ...Object.values(config.environments).map((env) => env.token_env),
      config.issues.token_env,
    ];
    const variables = parse(readFileSync(sandbox.variables, "utf8")) as Record<string, string>;
    expect(Object.keys(variables).sort()).toEqual([...new Set(names)].sort());
    for (const token of Object.values(variables)) {
      expect(token.length).toBeGreaterThan(8);
      expect(sandbox.out).not.toContain(token);
    }
  });

  it("runs the status job of the README's pipeline against it", async () => {
    const result = await runGitlabCiLocal(dir, ["ff-rollout:new_pipeline_graph:status"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("PASS  ff-rollout:new_pipeline_graph:status");
    expect(result.output).toContain("new_pipeline_graph");
    const variables = parse(readFileSync(sandbox.variables, "utf8")) as Record<string, string>;
    for (const token of Object.values(variables)) expect(result.output).not.toContain(token);
  });
});
