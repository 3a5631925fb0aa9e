// Publishes the CLI to npm as @ff-rollout/cli at a release tag, from the release pipeline: the
// version must be the tag, the build is made from the tagged commit, and the registry gets a
// provenance statement linking the package to that pipeline. The token comes from NPM_TOKEN
// through a temporary npm config that names the variable, so it is never an argument or printed.
//
//   tsx scripts/npm-publish.ts <tag> [--dry-run]     (npm run release:npm -- "$CI_COMMIT_TAG")
//
// --dry-run prints the commands and lists the files the package would hold (npm pack --dry-run),
// contacting no registry.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { echo } from "zx";
import { type Runner, runner } from "./lib/commands.js";
import { runScript, ScriptError } from "./lib/main.js";
import { isMain, packageVersion, REPO_ROOT } from "./lib/repo.js";

/** The files `npm publish` would put in the package, as npm computes them. */
export function packedFiles(root: string): string[] {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr}`);
  const [pack] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
  return (pack?.files ?? []).map((file) => file.path).sort();
}

export async function publish(run: Runner, root: string, tag: string): Promise<void> {
  const version = packageVersion(root);
  if (version !== tag)
    throw new ScriptError(`package.json's version is ${version}, the tag is ${tag}`);
  if (!run.dryRun && !process.env.NPM_TOKEN) throw new ScriptError("NPM_TOKEN is not set");
  await run.run(["npm", "run", "build"]);
  const config = mkdtempSync(join(tmpdir(), "ff-rollout-npm-"));
  try {
    const npmrc = join(config, ".npmrc");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: npm expands ${NPM_TOKEN} when it reads the file
    writeFileSync(npmrc, "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", { mode: 0o600 });
    await run.run(["npm", "publish", "--userconfig", npmrc, "--provenance", "--access", "public"]);
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
  if (run.dryRun) {
    const files = packedFiles(root);
    const outside = files.filter((file) => !file.startsWith("dist/"));
    echo(
      `would publish ${files.length} files: dist/ (${files.length - outside.length}), ${outside.join(", ")}`,
    );
  }
}

if (isMain(import.meta.url)) {
  await runScript(
    "npm publish",
    "tsx scripts/npm-publish.ts <tag> [--dry-run]",
    1,
    async ([tag = ""], dryRun) => {
      await publish(runner(dryRun), REPO_ROOT, tag);
      return 0;
    },
  );
}
