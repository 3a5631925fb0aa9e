// The optional cleanup issue GitLab's rollout template describes: "[Feature flag] Cleanup
// `<flag>`", its labels and milestone copied from the rollout issue (what /copy_metadata does),
// related to it. Created by release (the optional release path's "open a separate issue" step)
// or with the cleanup MR, closed when the flag is gone; found again by its title, so a re-run
// never opens a second one. Its list carries our markers, so the cleanup run ticks it exactly,
// as it ticks a cleanup issue a person made from GitLab's own template.

import type { Config } from "../config.js";
import { cleanupIssueTitle } from "../engine/gather-cleanup.js";
import type { CleanupFacts } from "../engine/release-facts.js";
import type { IssueAction, RolloutState } from "../engine/types.js";
import { code, inline, lines, md, ours, url } from "../report/safe-markdown.js";

export function cleanupIssueAction(
  state: RolloutState,
  facts: CleanupFacts,
  mergeRequestUrl: string | undefined,
): IssueAction | undefined {
  const { config } = state;
  if (!config.release.cleanupIssue || facts.cleanupIssue) return undefined;
  return newCleanupIssue(config, {
    branch: facts.branch,
    mergeRequestUrl,
    labels: facts.rolloutIssue.labels,
    milestoneId: facts.rolloutIssue.milestoneId,
  });
}

/** The create-issue action for the cleanup issue, with the rollout issue's labels and milestone. */
export function newCleanupIssue(
  config: Config,
  from: {
    /** The cleanup MR's branch, ff-rollout/<flag>-cleanup. */
    branch: string;
    mergeRequestUrl: string | undefined;
    labels: string[];
    milestoneId: number | null;
  },
): IssueAction {
  const mr = from.mergeRequestUrl
    ? md`The cleanup merge request ${url(from.mergeRequestUrl, config.issues.url)}`
    : md`The cleanup merge request (branch ${code(from.branch)} in ${inline(config.definitionProject)})`;
  return {
    kind: "create-issue",
    project: config.rolloutIssue.project,
    relateTo: config.rolloutIssue,
    issue: {
      title: cleanupIssueTitle(config.flag),
      description: lines(
        md`Removing the ${code(config.flag)} feature flag, now that its rollout (${url(config.rolloutIssue.webUrl)}) is done.`,
        ours(""),
        ours("### Cleaning up the feature flag"),
        ours(""),
        md`- [ ] ${mr} deletes the flag's definition. <!-- ff-rollout:cleanup-mr -->`,
        ours(
          "- [ ] No code on the default branch reads the flag any more. <!-- ff-rollout:code-references-removed -->",
        ),
        ours(
          "- [ ] The merge request is merged and deployed to production. <!-- ff-rollout:cleanup-deployed -->",
        ),
        ours("- [ ] The flag is deleted on every instance. <!-- ff-rollout:delete-everywhere -->"),
        ...(config.release.closeFeatureIssue
          ? [ours("- [ ] The feature issue is closed. <!-- ff-rollout:feature-issue-closed -->")]
          : []),
        ours("- [ ] This issue is closed. <!-- ff-rollout:cleanup-issue-closed -->"),
        ours(""),
        ours(
          "The `cleanup` job of ff-rollout checks the merge and the deployment, deletes the flag, closes the issues and this one.",
        ),
      ),
      labels: from.labels,
      milestoneId: from.milestoneId,
    },
  };
}
