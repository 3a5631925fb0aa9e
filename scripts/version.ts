// The version bump of a release: one new version everywhere it is written, in one go.
//   package.json and package-lock.json       "version"
//   both templates                           the image input's default, <image>:<version>
//   README.md                                every @<version> and :<version> (includes, image, npm)
//   CHANGELOG.md                             the Unreleased section becomes "## <version> (<date>)"
// Refuses, changing nothing, when the version is not semantic or not new, a file lacks what it
// should hold, or Unreleased is empty. --dry-run prints each change and writes nothing.
//
//   tsx scripts/version.ts 0.2.0 [--dry-run]      (npm run release:version -- 0.2.0)

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { echo } from "zx";
import { runScript, ScriptError } from "./lib/main.js";
import { isMain, packageVersion, REPO_ROOT, SEMVER, TEMPLATES } from "./lib/repo.js";

export interface FileChange {
  file: string;
  before: string;
  after: string;
}

/** Bad input for a bump: exit 2, nothing written. */
export class VersionError extends ScriptError {
  constructor(message: string) {
    super(message, 2);
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `text` with `from` replaced by `to` wherever it follows @ or : and is not part of a longer version. */
function replaceVersion(text: string, from: string, to: string): string {
  return text.replace(
    new RegExp(`(?<=[@:])${escapeRegex(from)}(?![0-9A-Za-z.-]*[0-9A-Za-z])`, "g"),
    to,
  );
}

function setJsonVersion(text: string, file: string, to: string): string {
  const data = JSON.parse(text) as {
    version?: string;
    packages?: Record<string, { version?: string }>;
  };
  data.version = to;
  const self = data.packages?.[""];
  if (file === "package-lock.json" && self) self.version = to;
  return `${JSON.stringify(data, null, 2)}\n`;
}

function releaseChangelog(text: string, to: string, date: string): string {
  const match = /^## Unreleased\n([\s\S]*?)(?=^## )/m.exec(text);
  if (!match)
    throw new VersionError('CHANGELOG.md: no "## Unreleased" section followed by a release');
  if (!/^- /m.test(match[1] ?? "")) {
    throw new VersionError(
      "CHANGELOG.md: the Unreleased section lists no change; add what changed first",
    );
  }
  if (new RegExp(`^## ${escapeRegex(to)}\\b`, "m").test(text)) {
    throw new VersionError(`CHANGELOG.md: already has a section for ${to}`);
  }
  return text.replace("## Unreleased\n", `## Unreleased\n\n## ${to} (${date})\n`);
}

/** The changes that make `to` the version of the repository at `root`; writes them unless dryRun. */
export function bumpVersion(
  root: string,
  to: string,
  options: { dryRun: boolean; date?: string },
): FileChange[] {
  if (!SEMVER.test(to)) throw new VersionError(`"${to}" is not a version like 1.2.3 or 1.2.3-rc.1`);
  const from = packageVersion(root);
  if (from === to) throw new VersionError(`the version is already ${to}`);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const edits: Record<string, (text: string) => string> = {
    "package.json": (text) => setJsonVersion(text, "package.json", to),
    "package-lock.json": (text) => setJsonVersion(text, "package-lock.json", to),
    "README.md": (text) => replaceVersion(text, from, to),
    "CHANGELOG.md": (text) => releaseChangelog(text, to, date),
  };
  for (const template of TEMPLATES) edits[template] = (text) => replaceVersion(text, from, to);
  const changes: FileChange[] = [];
  for (const [file, edit] of Object.entries(edits)) {
    const before = readFileSync(join(root, file), "utf8");
    const after = edit(before);
    if (after === before)
      throw new VersionError(`${file}: version ${from} not found, nothing to change`);
    changes.push({ file, before, after });
  }
  if (!options.dryRun)
    for (const change of changes) writeFileSync(join(root, change.file), change.after);
  return changes;
}

/** The changed lines of each file, "- old" and "+ new", for the dry run and the log. */
export function describeChanges(changes: FileChange[]): string[] {
  return changes.flatMap(({ file, before, after }) => {
    const old = before.split("\n");
    const now = after.split("\n");
    const lines = [`${file}:`];
    const oldSet = new Set(now);
    const newSet = new Set(old);
    for (const line of old) if (!oldSet.has(line)) lines.push(`  - ${line.trim()}`);
    for (const line of now) if (!newSet.has(line)) lines.push(`  + ${line.trim()}`);
    return lines;
  });
}

if (isMain(import.meta.url)) {
  await runScript(
    "version",
    "tsx scripts/version.ts <version> [--dry-run]",
    1,
    ([to = ""], dryRun) => {
      for (const line of describeChanges(bumpVersion(REPO_ROOT, to, { dryRun }))) echo(line);
      echo(dryRun ? "dry run: nothing written" : `version ${to} written; commit it and tag ${to}`);
      return 0;
    },
  );
}
