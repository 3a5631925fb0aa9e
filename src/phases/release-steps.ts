// The optional release path's own steps, once the default-enabled MR is merged and in the
// milestone's release, in the template's order: close the feature issue (the feature ships this
// milestone), set the next milestone on the rollout issue (to schedule the flag's removal), the
// separate cleanup issue (title, labels and milestone copied, related to the rollout issue), and
// last the rollout issue closed: the removal is tracked in the cleanup issue from then on. Each
// step is planned only when gatherState() found it not done, so a re-run finishes what a failed
// one left and does nothing twice.

import type { DefaultEnabledFacts, ReleaseStepsFacts } from "../engine/release-facts.js";
import { cleanupBranch } from "../engine/release-facts.js";
import type { MergeRequestState } from "../engine/release-port.js";
import type { IssueAction, RolloutState } from "../engine/types.js";
import {
  code,
  hiddenMarker,
  inline,
  lines,
  md,
  ours,
  type SafeMarkdown,
  url,
} from "../report/safe-markdown.js";
import { type Verdicts, verified } from "./checks.js";
import { newCleanupIssue } from "./cleanup-issue.js";
import { closeFeatureIssueOnce } from "./close-feature-issue.js";
import { nextMilestone } from "./next-milestone.js";

export const RELEASED_MARKER = (flag: string) => hiddenMarker("ff-rollout:released", flag);

export function releaseSteps(
  state: RolloutState,
  facts: DefaultEnabledFacts,
  mr: MergeRequestState,
  v: Verdicts,
): IssueAction[] {
  const steps = facts.steps;
  if (!steps || !facts.milestone) return [];
  const actions: IssueAction[] = [];
  closeFeatureIssue(state, steps, mr, facts.milestone, v, actions);
  const milestoneId = moveToNextMilestone(steps, facts.milestone, v, actions);
  const tracked = separateCleanupIssue(state, steps, milestoneId, v, actions);
  // Last: the rollout issue records all of the above; it closes only once the cleanup has an
  // issue of its own, or the "Release the feature" list would be left with nobody watching it.
  if (!tracked) {
    v.checks.push({
      name: "rollout issue",
      ok: true,
      detail:
        "left open: it tracks the flag's removal (no separate cleanup issue; cleanup_issue: true makes one)",
    });
  } else if (steps.rolloutIssue.state === "closed") {
    v.checks.push({ name: "rollout issue", ok: true, detail: "closed" });
    v.facts.push(verified("rollout-issue-closed"));
  } else {
    v.checks.push({
      name: "rollout issue",
      ok: true,
      detail: "close it: the cleanup issue tracks the removal",
    });
    actions.push({
      kind: "close-issue",
      target: state.config.rolloutIssue,
      what: "the rollout issue",
    });
    v.facts.push(verified("rollout-issue-closed"));
  }
  return actions;
}

function closeFeatureIssue(
  state: RolloutState,
  steps: ReleaseStepsFacts,
  mr: MergeRequestState,
  milestone: string,
  v: Verdicts,
  actions: IssueAction[],
): void {
  closeFeatureIssueOnce(
    state,
    steps.featureIssue,
    {
      marker: RELEASED_MARKER(state.config.flag),
      comment: () => releasedComment(state, mr.url, milestone),
      closingDetail: (webUrl) => `close ${webUrl}: the feature ships in ${milestone}`,
    },
    v,
    actions,
  );
}

/** Returns the milestone the rollout issue will have (for the cleanup issue to copy). */
function moveToNextMilestone(
  steps: ReleaseStepsFacts,
  milestone: string,
  v: Verdicts,
  actions: IssueAction[],
): number | null {
  const current = steps.rolloutIssue.milestoneId;
  const verdict = nextMilestone(steps, milestone);
  if (verdict.kind === "done") {
    v.checks.push({ name: "next milestone", ok: true, detail: verdict.detail });
    v.facts.push(verified("next-milestone-set"));
    return current;
  }
  if (verdict.kind === "unknown") {
    // Scheduling the removal waits for a person (create the milestone, or choose one); the
    // feature ships all the same, so the other steps go on and this one is not ticked.
    v.checks.push({
      name: "next milestone",
      ok: false,
      waiting: true,
      detail: `left to a person: ${verdict.detail}; create it, or set the rollout issue's milestone by hand`,
    });
    return current;
  }
  v.checks.push({
    name: "next milestone",
    ok: true,
    detail: `move the rollout issue from ${milestone} to ${verdict.next.title}, for the flag's removal`,
  });
  actions.push({
    kind: "set-milestone",
    milestone: { id: verdict.next.id, title: verdict.next.title },
  });
  v.facts.push(verified("next-milestone-set"));
  return verdict.next.id;
}

/** Whether the removal is (or will be, once applied) tracked in a cleanup issue of its own. */
function separateCleanupIssue(
  state: RolloutState,
  steps: ReleaseStepsFacts,
  milestoneId: number | null,
  v: Verdicts,
  actions: IssueAction[],
): boolean {
  const { config } = state;
  const existing = steps.cleanupIssue;
  const labels = steps.rolloutIssue.labels;
  if (!existing) {
    if (!config.release.cleanupIssue) return false;
    actions.push(
      newCleanupIssue(config, {
        branch: cleanupBranch(config.flag),
        mergeRequestUrl: undefined,
        labels,
        milestoneId,
      }),
    );
    v.checks.push({
      name: "cleanup issue",
      ok: true,
      detail: `open it, with this issue's labels (${labels.join(", ") || "none"}) and milestone, related to it`,
    });
    v.facts.push(verified("cleanup-issue-opened"));
    return true;
  }
  const related = steps.linked.some(
    (r) => r.project === existing.ref.project && r.iid === existing.ref.iid,
  );
  if (!related) actions.push({ kind: "link-issue", target: existing.ref });
  const missing = labels.filter((l) => !existing.labels.includes(l));
  const copied = missing.length === 0 && (existing.milestoneId !== null || milestoneId === null);
  v.checks.push({
    name: "cleanup issue",
    ok: true,
    detail:
      `${existing.ref.webUrl} ("${existing.title}")${related ? "" : ", relate it to this issue"}` +
      (copied
        ? ""
        : `; it lacks ${[
            ...(missing.length > 0 ? [`the labels ${missing.join(", ")}`] : []),
            ...(existing.milestoneId === null && milestoneId !== null ? ["a milestone"] : []),
          ].join(
            " and ",
          )}: run /copy_metadata ${config.rolloutIssue.webUrl} there (left to a person)`),
  });
  if (copied) v.facts.push(verified("cleanup-issue-opened"));
  return true;
}

/** The feature issue's comment once the feature ships on by default, before it is closed. */
function releasedComment(
  state: RolloutState,
  mergeRequestUrl: string,
  milestone: string,
): SafeMarkdown {
  const { config } = state;
  return lines(
    md`The ${code(config.flag)} feature ships enabled by default in ${inline(milestone)}: the merge request ${url(mergeRequestUrl, config.issues.url)} that sets ${code("default_enabled: true")} is merged and in the ${inline(milestone)} release. The flag itself is removed later; closing this issue. Details: ${url(config.rolloutIssue.webUrl)}`,
    ours(""),
    RELEASED_MARKER(config.flag),
  );
}
