// The bundle is what ships (dist/cli.js and its chunks, scripts/build.mjs): copied away from the
// repository, with no node_modules anywhere above it and a package.json that holds no version,
// it still answers --version and runs a command against GitLab exactly as the sources do.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { WHO_AM_I } from "../../helpers/requests.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { rolloutWorldSeed } from "../../helpers/seeds.js";

const DIST = fileURLToPath(new URL("../../../dist", import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
) as { version: string };

function run(cli: string, args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A bundle file and every file it imports statically, transitively (dynamic imports excluded). */
function staticClosure(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), "utf8");
    for (const match of text.matchAll(/^import [^;]*?from "(\.[^"]+)";$/gm)) {
      visit(posix.join(posix.dirname(file), match[1]!));
    }
  };
  visit(entry);
  return [...seen];
}

describe("the bundled CLI", () => {
  let copy: string;
  let cli: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "ff-rollout-bundle-"));
    cpSync(DIST, join(copy, "dist"), { recursive: true });
    // ES modules need "type": "module"; nothing else, so a version read from here would fail.
    writeFileSync(join(copy, "package.json"), JSON.stringify({ type: "module" }));
    cli = join(copy, "dist", "cli.js");
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("has one chunk per command, and its entry loads no library before it knows the command", () => {
    const chunks = readdirSync(join(copy, "dist", "chunks")).filter((f) => f.endsWith(".js"));
    for (const command of ["status", "run", "readiness", "release-check", "sandbox"]) {
      expect(chunks.some((f) => f.startsWith(`cli-${command}-`))).toBe(true);
    }
    expect(chunks.some((f) => f.startsWith("run-demo-"))).toBe(true);
    // What `--version` and `--help` load: the entry and the chunks it imports statically.
    const loaded = staticClosure(join(copy, "dist"), "cli.js");
    const source = loaded.map((f) => readFileSync(join(copy, "dist", f), "utf8")).join("\n");
    expect(source.length).toBeLessThan(60_000);
    for (const library of ["gitbeaker", "markdown-it", "ZodError", "yaml"]) {
      expect(source).not.toContain(library);
    }
  });

  it("answers --version from the version baked in at build time", async () => {
    const result = await run(cli, ["--version"], { PATH: process.env.PATH ?? "" }, copy);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  describe("against GitLab", () => {
    const sb = useStrictSandbox(() =>
      rolloutWorldSeed({ flag: { boolean: false, percentage_of_actors: 25 } }),
    );

    it("prints what the sources print, with every dependency inside the bundle", async () => {
      sb.expectRequests([
        { request: "GET /dev/api/v4/features", times: 2 },
        { request: "GET /staging/api/v4/features", times: 2 },
        { request: "GET /production/api/v4/features", times: 2 },
        "GET /production/api/v4/projects/:id/issues/:iid",
        "GET /production/api/v4/projects/:id/issues/:iid/notes",
        { request: WHO_AM_I, times: 2 },
        "GET /production/api/v4/projects/:id",
        "GET /production/api/v4/projects/:id/repository/tree",
        "GET /production/api/v4/projects/:id/repository/files/:path",
      ]);
      const s = sandboxCliSetup((n) => sb.instanceUrl(n));
      const env = { PATH: process.env.PATH ?? "", ...s.env };
      const bundled = await run(cli, s.args("status", "--json"), env, s.cwd);
      const sources = await runCli(s.args("status", "--json"), s);
      expect(bundled.code).toBe(0);
      // The sandbox's clock moves on between the two runs; everything else is equal.
      const { result, ...envelope } = JSON.parse(sources.stdout);
      expect(JSON.parse(bundled.stdout)).toEqual({
        ...envelope,
        result: { ...result, generatedAt: expect.any(String) },
      });
      expect(bundled.stderr).toBe(sources.stderr);
    });
  });
});
