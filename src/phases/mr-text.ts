// Titles, descriptions and commit messages of the merge requests the release and cleanup phases
// open. Descriptions link the rollout and feature issues; commit messages end with the configured
// changelog trailer (GitLab's changelog generator reads it from the commits). Every value (a
// path from code search, a ref, the flag) is made inert by safe-markdown.ts: GitLab runs quick
// actions in an MR description when it is created.

import type { RolloutState } from "../engine/types.js";
import {
  code,
  commitLine,
  commitMessage,
  inline,
  join,
  lines,
  link,
  md,
  ours,
  plain,
  type SafeCommitMessage,
  type SafeMarkdown,
  type SafePlainText,
  url,
} from "../report/safe-markdown.js";
import type { CodeReference } from "./cleanup-references.js";
import { referencesChecklist } from "./cleanup-references.js";

/** The web URL of a file on a ref of the definition project. */
export function blobUrl(state: RolloutState, ref: string, path: string): string {
  const { config } = state;
  const segments = (text: string) => text.split("/").map(encodeURIComponent).join("/");
  return `${config.issues.url}/${config.definitionProject}/-/blob/${segments(ref)}/${segments(path)}`;
}

function issueLines(state: RolloutState): SafeMarkdown[] {
  const feature =
    state.featureIssue && "ref" in state.featureIssue ? state.featureIssue.ref : undefined;
  return [
    md`- Rollout issue: ${url(state.config.rolloutIssue.webUrl)}`,
    ...(feature ? [md`- Feature issue: ${url(feature.webUrl)}`] : []),
  ];
}

function commitMessageOf(
  state: RolloutState,
  subject: SafePlainText,
  body: SafePlainText,
): SafeCommitMessage {
  const trailer = state.config.release.changelogTrailer;
  const feature =
    state.featureIssue && "ref" in state.featureIssue ? state.featureIssue.ref : undefined;
  const blank = commitLine``;
  return commitMessage(
    subject,
    blank,
    body,
    blank,
    commitLine`Rollout issue: ${plain(state.config.rolloutIssue.webUrl)}`,
    ...(feature ? [commitLine`Feature issue: ${plain(feature.webUrl)}`] : []),
    ...(trailer ? [blank, plain(trailer)] : []),
  );
}

export function defaultEnabledText(
  state: RolloutState,
  path: string,
  ref: string,
  milestone?: string,
) {
  const { flag } = state.config;
  const trailer = state.config.release.changelogTrailer;
  const from = milestone ? md`, from ${inline(milestone, 60)} on` : ours("");
  return {
    title: md`Enable the ${code(flag)} feature flag by default`,
    description: lines(
      md`Sets ${code("default_enabled: true")} in ${link(code(path), blobUrl(state, ref, path))}, so that ${code(flag)} is on wherever it is not set explicitly, self-managed instances included${from}. Nothing else in the file changes.`,
      ours(""),
      issueLines(state),
      ours(""),
      ours("Before merging:"),
      ours(""),
      md`- [ ] The changelog entry is right (the commit carries ${code(trailer ?? "no changelog trailer")}).`,
      ours("- [ ] The documentation says the feature is enabled by default."),
      ours(""),
      ours(
        "Opened by the `release` phase of ff-rollout. Once this is merged, play `release` again: it checks that the change is in the release of the milestone.",
      ),
    ),
    commitMessage: commitMessageOf(
      state,
      commitLine`Enable ${plain(flag)} by default`,
      commitLine`Set default_enabled to true in ${plain(path)}.`,
    ),
  };
}

export function cleanupText(
  state: RolloutState,
  deleted: string[],
  references: CodeReference[],
  ref: string,
) {
  const { flag } = state.config;
  const files = join(
    deleted.map((p) => code(p)),
    ", ",
  );
  return {
    title: md`Remove the ${code(flag)} feature flag`,
    description: lines(
      md`Removes the ${code(flag)} feature flag, which is on for everyone in production. This merge request deletes its definition (${files}); the code that reads the flag must go too, keeping the behaviour the flag enabled.`,
      ours(""),
      references.length > 0
        ? md`Before merging, remove the flag from each of these files (found by code search on ${code(ref)}) and push to this branch:`
        : ours("Before merging:"),
      ours(""),
      referencesChecklist(references, (path) => blobUrl(state, ref, path)),
      ours(""),
      issueLines(state),
      ours(""),
      ours(
        "Opened by the `cleanup` phase of ff-rollout. Once this is merged and deployed to production, play `cleanup` again: it deletes the flag on every instance and closes the issues.",
      ),
    ),
    commitMessage: commitMessageOf(
      state,
      commitLine`Remove the ${plain(flag)} feature flag definition`,
      commitLine`Delete ${plain(deleted.join(", "))}. The code that reads the flag is removed in the same merge request.`,
    ),
  };
}
