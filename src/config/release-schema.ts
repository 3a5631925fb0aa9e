// The configuration keys of the release and cleanup phases and of `release-check`, kept apart
// from schema.ts so the main schema stays readable. Defaults follow GitLab's own conventions.

import { z } from "zod";
import type { ReleaseSettings } from "./types.js";

/** GitLab's monthly release refs for milestone 19.6: tag v19.6.0-ee, branch 19-6-stable-ee. */
export const DEFAULT_TAG_PATTERN = "v{major}.{minor}.{patch}-ee";
export const DEFAULT_STABLE_BRANCH_PATTERN = "{major}-{minor}-stable-ee";
export const DEFAULT_CHANGELOG_TRAILER = "Changelog: added";

const PLACEHOLDER = /\{([a-z]*)\}/g;

const refPattern = z
  .string({ error: "must be a ref name pattern, e.g. v{major}.{minor}.{patch}-ee" })
  .superRefine((value, ctx) => {
    const unknown = [...value.matchAll(PLACEHOLDER)]
      .map((m) => m[1])
      .filter((name) => !["major", "minor", "patch"].includes(name ?? ""));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `knows only the placeholders {major}, {minor} and {patch}, not {${unknown.join("}, {")}}`,
      });
    }
    if (!value.includes("{major}") || !value.includes("{minor}")) {
      ctx.addIssue({
        code: "custom",
        message:
          "must contain {major} and {minor}, which come from the milestone (19.6 -> 19 and 6)",
      });
    }
    if (/[\s~^:?*[\\]/.test(value.replace(PLACEHOLDER, ""))) {
      ctx.addIssue({
        code: "custom",
        message: "must be a valid Git ref name around its placeholders (no spaces, ~ ^ : ? * [ \\)",
      });
    }
  });

/** Merged into the main schema's object (schema.ts). */
export const releaseKeys = {
  /** The trailer GitLab's changelog generator reads; "" for none. */
  changelog_trailer: z
    .string()
    .regex(/^(|[A-Za-z][A-Za-z0-9-]*: ?\S[^\n]*)$/, {
      error:
        'must be one Git trailer line, e.g. "Changelog: added" (GitLab\'s changelog categories: added, fixed, changed, deprecated, removed, security, performance, other), or "" for none',
    })
    .default(DEFAULT_CHANGELOG_TRAILER),
  /** cleanup comments on and closes the feature issue once the flag is deleted. */
  close_feature_issue: z.boolean({ error: "must be true or false" }).default(true),
  /** cleanup also creates the separate "[Feature flag] Cleanup `<flag>`" issue. */
  cleanup_issue: z.boolean({ error: "must be true or false" }).default(false),
  release_check: z
    .strictObject({
      tag: refPattern.default(DEFAULT_TAG_PATTERN),
      stable_branch: refPattern.default(DEFAULT_STABLE_BRANCH_PATTERN),
    })
    .default({ tag: DEFAULT_TAG_PATTERN, stable_branch: DEFAULT_STABLE_BRANCH_PATTERN }),
};

type Parsed = {
  changelog_trailer: string;
  close_feature_issue: boolean;
  cleanup_issue: boolean;
  release_check: { tag: string; stable_branch: string };
};

export function releaseSettings(parsed: Parsed): ReleaseSettings {
  const trailer = parsed.changelog_trailer.trim();
  return {
    changelogTrailer: trailer === "" ? undefined : trailer,
    closeFeatureIssue: parsed.close_feature_issue,
    cleanupIssue: parsed.cleanup_issue,
    tagPattern: parsed.release_check.tag,
    stableBranchPattern: parsed.release_check.stable_branch,
  };
}
