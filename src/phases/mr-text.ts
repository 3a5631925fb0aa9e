// Titles, descriptions and commit messages of the merge requests the release and cleanup phases
// open. Descriptions link the rollout and feature issues; commit messages end with the configured
// changelog trailer (GitLab's changelog generator reads it from the commits). No line starts with
// "/": GitLab would run it as a quick action when the MR is created.

import type { RolloutState } from "../engine/types.js";
import type { CodeReference } from "./cleanup-references.js";
import { referencesChecklist } from "./cleanup-references.js";

/** The web URL of a file on a ref of the definition project. */
export function blobUrl(state: RolloutState, ref: string, path: string): string {
  const { config } = state;
  const segments = (text: string) => text.split("/").map(encodeURIComponent).join("/");
  return `${config.issues.url}/${config.definitionProject}/-/blob/${segments(ref)}/${segments(path)}`;
}

function issueLines(state: RolloutState): string[] {
  const feature =
    state.featureIssue && "ref" in state.featureIssue ? state.featureIssue.ref : undefined;
  return [
    `- Rollout issue: ${state.config.rolloutIssue.webUrl}`,
    ...(feature ? [`- Feature issue: ${feature.webUrl}`] : []),
  ];
}

function commitMessage(state: RolloutState, subject: string, body: string): string {
  const trailer = state.config.release.changelogTrailer;
  const feature =
    state.featureIssue && "ref" in state.featureIssue ? state.featureIssue.ref : undefined;
  return [
    subject,
    "",
    body,
    "",
    `Rollout issue: ${state.config.rolloutIssue.webUrl}`,
    ...(feature ? [`Feature issue: ${feature.webUrl}`] : []),
    ...(trailer ? ["", trailer] : []),
  ].join("\n");
}

export function defaultEnabledText(
  state: RolloutState,
  path: string,
  ref: string,
  milestone?: string,
) {
  const { flag } = state.config;
  const trailer = state.config.release.changelogTrailer;
  return {
    title: `Enable the \`${flag}\` feature flag by default`,
    description: [
      `Sets \`default_enabled: true\` in [\`${path}\`](${blobUrl(state, ref, path)}), so that \`${flag}\` is on wherever it is not set explicitly, self-managed instances included${milestone ? `, from ${milestone} on` : ""}. Nothing else in the file changes.`,
      "",
      ...issueLines(state),
      "",
      "Before merging:",
      "",
      `- [ ] The changelog entry is right (the commit carries \`${trailer ?? "no changelog trailer"}\`).`,
      "- [ ] The documentation says the feature is enabled by default.",
      "",
      "Opened by the `release` phase of ff-rollout. Once this is merged, play `release` again: it checks that the change is in the release of the milestone.",
    ].join("\n"),
    commitMessage: commitMessage(
      state,
      `Enable ${flag} by default`,
      `Set default_enabled to true in ${path}.`,
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
  return {
    title: `Remove the \`${flag}\` feature flag`,
    description: [
      `Removes the \`${flag}\` feature flag, which is on for everyone in production. This merge request deletes its definition (${deleted.map((p) => `\`${p}\``).join(", ")}); the code that reads the flag must go too, keeping the behaviour the flag enabled.`,
      "",
      references.length > 0
        ? `Before merging, remove the flag from each of these files (found by code search on \`${ref}\`) and push to this branch:`
        : "Before merging:",
      "",
      ...referencesChecklist(references, (path) => blobUrl(state, ref, path)),
      "",
      ...issueLines(state),
      "",
      "Opened by the `cleanup` phase of ff-rollout. Once this is merged and deployed to production, play `cleanup` again: it deletes the flag on every instance and closes the issues.",
    ].join("\n"),
    commitMessage: commitMessage(
      state,
      `Remove the ${flag} feature flag definition`,
      `Delete ${deleted.join(", ")}. The code that reads the flag is removed in the same merge request.`,
    ),
  };
}
