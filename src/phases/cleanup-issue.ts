// The optional cleanup issue GitLab's rollout template describes: "[Feature flag] Cleanup
// `<flag>`", its labels and milestone copied from the rollout issue (what /copy_metadata does),
// related to it. Created with the cleanup MR, closed when the flag is gone; found again by its
// title, so a re-run never opens a second one.

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
  const mr = mergeRequestUrl
    ? md`The cleanup merge request ${url(mergeRequestUrl, config.issues.url)}`
    : md`The cleanup merge request (branch ${code(facts.branch)} in ${inline(config.definitionProject)})`;
  return {
    kind: "create-issue",
    project: config.rolloutIssue.project,
    relateTo: config.rolloutIssue,
    issue: {
      title: cleanupIssueTitle(config.flag),
      description: lines(
        md`Removing the ${code(config.flag)} feature flag, now that its rollout (${url(config.rolloutIssue.webUrl)}) is done.`,
        ours(""),
        md`- [ ] ${mr} no longer reads the flag anywhere and is merged.`,
        ours("- [ ] It is deployed to production."),
        ours("- [ ] The flag is deleted on every instance."),
        ours("- [ ] The feature issue is closed."),
        ours(""),
        ours(
          "The `cleanup` job of ff-rollout checks the merge and the deployment, deletes the flag, closes the issues and this one.",
        ),
      ),
      labels: facts.rolloutIssue.labels,
      milestoneId: facts.rolloutIssue.milestoneId,
    },
  };
}
