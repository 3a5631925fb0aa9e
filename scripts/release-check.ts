// The release pipeline's first check on a tag: the tag is the version everywhere the version is
// written, so the image the templates name by default is the one this pipeline pushes, and the
// changelog says what the release holds. Prints every problem and exits 1 on any.
//
//   tsx scripts/release-check.ts <tag> <registry image>   (npm run release:check -- "$CI_COMMIT_TAG" "$CI_REGISTRY_IMAGE")

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { echo } from "zx";
import { runScript } from "./lib/main.js";
import { isMain, packageVersion, REPO_ROOT, SEMVER, TEMPLATES } from "./lib/repo.js";

/** What is wrong with releasing the repository at `root` as `tag` to `image`; empty when nothing. */
export function releaseProblems(root: string, tag: string, image: string): string[] {
  const problems: string[] = [];
  if (!SEMVER.test(tag))
    problems.push(`the tag "${tag}" is not a version like 1.2.3 or 1.2.3-rc.1`);
  const version = packageVersion(root);
  if (version !== tag) problems.push(`package.json: version is ${version}, the tag is ${tag}`);
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    version?: string;
  };
  if (lock.version !== tag)
    problems.push(`package-lock.json: version is ${lock.version}, the tag is ${tag}`);
  const expected = `${image}:${tag}`;
  for (const template of TEMPLATES) {
    const text = readFileSync(join(root, template), "utf8");
    const defaults = [...text.matchAll(/^ {6}default: (\S+)$/gm)].map((m) => m[1]);
    if (!defaults.includes(expected)) {
      problems.push(`${template}: the image input's default is not ${expected}`);
    }
  }
  const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
  if (
    !changelog.split("\n").some((line) => line === `## ${tag}` || line.startsWith(`## ${tag} (`))
  ) {
    problems.push(
      `CHANGELOG.md: no "## ${tag}" section (npm run release:version -- ${tag} writes it)`,
    );
  }
  return problems;
}

if (isMain(import.meta.url)) {
  const usage = "tsx scripts/release-check.ts <tag> <registry image>";
  await runScript("release check", usage, 2, ([tag = "", image = ""]) => {
    const problems = releaseProblems(REPO_ROOT, tag, image);
    for (const problem of problems) echo(`release check: ${problem}`);
    if (problems.length > 0) return 1;
    echo(`release check: ${tag} is the version everywhere; image ${image}:${tag}`);
    return 0;
  });
}
