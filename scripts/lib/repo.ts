// The repository the release scripts work on: its root (tests pass a copy's), and the files that
// carry the version.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The files whose image default names the version (one per component). */
export const TEMPLATES = ["templates/rollout/template.yml", "templates/readiness/template.yml"];

/** The registry image the templates name by default; the release pipeline pushes there. */
export const HOME_IMAGE = "registry.gitlab.com/ff-rollout/ff-rollout";

export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string })
    .version;
}

/** A semantic version as the release pipeline accepts tags: 1.2.3 or 1.2.3-rc.1. */
export const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Whether `main` is the entry script of this process (not imported by a test). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}
