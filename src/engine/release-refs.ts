// Which refs make up the release of a milestone, from the configured name patterns: for GitLab's
// own milestone 19.6, the tags v19.6.0-ee, v19.6.1-ee, ... and the stable branch 19-6-stable-ee.
// Pure: the release check (src/gitlab/release-check.ts) matches commit refs against these.

export interface ReleaseRefs {
  milestone: string;
  tag: RegExp;
  stableBranch: RegExp;
  /** For messages: "v19.6.*-ee", "19-6-stable-ee". */
  shown: { tag: string; stableBranch: string };
}

/** "19.6" -> major 19, minor 6; undefined for a milestone that is not a version ("Backlog"). */
export function parseMilestone(milestone: string): { major: string; minor: string } | undefined {
  const match = /^\s*v?(\d+)\.(\d+)\s*$/.exec(milestone);
  return match ? { major: match[1]!, minor: match[2]! } : undefined;
}

export function releaseRefs(
  milestone: string,
  patterns: { tag: string; stableBranch: string },
): ReleaseRefs | undefined {
  const version = parseMilestone(milestone);
  if (!version) return undefined;
  // Fills a pattern's placeholders; `patch` and `literal` say how a patch number and the
  // pattern's own text are written (a regex, or the form shown to people).
  const fill = (pattern: string, patch: string, literal: (text: string) => string) =>
    pattern
      .split(/(\{major\}|\{minor\}|\{patch\})/)
      .map((part) =>
        part === "{major}"
          ? version.major
          : part === "{minor}"
            ? version.minor
            : part === "{patch}"
              ? patch
              : literal(part),
      )
      .join("");
  const build = (pattern: string) => ({
    regex: new RegExp(
      `^${fill(pattern, "\\d+", (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))}$`,
    ),
    shown: fill(pattern, "*", (text) => text),
  });
  const tag = build(patterns.tag);
  const stableBranch = build(patterns.stableBranch);
  return {
    milestone: `${version.major}.${version.minor}`,
    tag: tag.regex,
    stableBranch: stableBranch.regex,
    shown: { tag: tag.shown, stableBranch: stableBranch.shown },
  };
}
