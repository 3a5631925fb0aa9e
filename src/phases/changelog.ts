// "Add a changelog entry" under the MR's item: GitLab's changelog is generated from the
// `Changelog: <category>` Git trailer of the commits (doc/development/changelog.md), so the
// merged MR's commits say whether it has one. Found: the item is ticked; not found: it is left
// to a person, and the check says so.

import type { CommitMessage } from "../engine/release-port.js";
import { short, type Verdicts, verified } from "./checks.js";

/** The categories GitLab's changelog configuration knows (.gitlab/changelog_config.yml). */
export const CHANGELOG_CATEGORIES = [
  "added",
  "fixed",
  "changed",
  "deprecated",
  "removed",
  "security",
  "performance",
  "other",
] as const;

const TRAILER = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(\S.*)$/;

/** The `Key: value` lines of the message's last paragraph, when all of it is trailers (git's rule). */
export function trailers(message: string): Array<[string, string]> {
  const paragraphs = message
    .replace(/\r/g, "")
    .trimEnd()
    .split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return [];
  const matches = (paragraphs[paragraphs.length - 1] ?? "").split("\n").map((l) => TRAILER.exec(l));
  if (matches.some((m) => m === null)) return [];
  return matches.map((m) => [m?.[1] ?? "", (m?.[2] ?? "").trim()]);
}

export type ChangelogEntry =
  | { found: true; sha: string; category: string }
  | { found: false; unknown: { sha: string; category: string }[] };

/** The first commit (newest first) with a `Changelog:` trailer of a known category. */
export function findChangelogEntry(commits: readonly CommitMessage[]): ChangelogEntry {
  const unknown: { sha: string; category: string }[] = [];
  for (const commit of commits) {
    for (const [key, value] of trailers(commit.message)) {
      // git matches trailer keys without regard to case.
      if (key.toLowerCase() !== "changelog") continue;
      const category = value.toLowerCase();
      if ((CHANGELOG_CATEGORIES as readonly string[]).includes(category)) {
        return { found: true, sha: commit.sha, category };
      }
      unknown.push({ sha: commit.sha, category: value });
    }
  }
  return { found: false, unknown };
}

/** The check (and the fact) for the merged MR `what` from its commits. */
export function changelogCheck(
  what: string,
  commits: readonly CommitMessage[] | undefined,
  v: Verdicts,
): void {
  if (!commits) return;
  const entry = findChangelogEntry(commits);
  if (entry.found) {
    v.checks.push({
      name: "changelog entry",
      ok: true,
      detail: `${what}'s commit ${short(entry.sha)} has the trailer Changelog: ${entry.category}`,
    });
    v.facts.push(verified("changelog-entry"));
    return;
  }
  const odd =
    entry.unknown.length > 0
      ? ` (${entry.unknown.map((u) => `${short(u.sha)} says "${u.category}"`).join(", ")}, not one of ${CHANGELOG_CATEGORIES.join(", ")})`
      : "";
  // Not a refusal: the flag's state does not depend on it. A person adds the entry, or decides
  // none is needed, and ticks the item.
  v.checks.push({
    name: "changelog entry",
    ok: true,
    detail: `none: no commit of ${what} (${commits.length}) has a Changelog: trailer${odd}; the changelog item is left to a person`,
  });
}
