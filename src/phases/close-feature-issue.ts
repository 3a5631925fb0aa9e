// Closing the feature issue, shared by the two phases that may do it: `release` on the optional
// release path (the feature ships) and `cleanup` (the flag is gone), whichever comes first. Once:
// the comment is posted only when no note carries its marker, and an issue found closed is a fact,
// not an action.

import type { IssueAction, RolloutState } from "../engine/types.js";
import type { IssueSummary } from "../gitlab/issue-lifecycle.js";
import type { SafeMarkdown } from "../report/safe-markdown.js";
import { type Verdicts, verified } from "./checks.js";

export interface FeatureIssueClosing {
  /** The marker of this phase's comment, to post it once. */
  marker: SafeMarkdown;
  /** The comment, built only when it will be posted. */
  comment: () => SafeMarkdown;
  /** Shown as the check's detail when the issue is about to be closed; none: no check line. */
  closingDetail?: (webUrl: string) => string;
}

export function closeFeatureIssueOnce(
  state: RolloutState,
  summary: IssueSummary | undefined,
  closing: FeatureIssueClosing,
  v: Verdicts,
  actions: IssueAction[],
): void {
  const feature = state.featureIssue;
  if (!feature || "missing" in feature || !summary) {
    const why = feature && "missing" in feature ? feature.missing : "unknown";
    v.checks.push({ name: "feature issue", ok: true, detail: `not closed: ${why}` });
  } else if (summary.state === "closed") {
    v.checks.push({ name: "feature issue", ok: true, detail: `${feature.ref.webUrl} is closed` });
    v.facts.push(verified("feature-issue-closed"));
  } else if (!state.config.release.closeFeatureIssue) {
    v.checks.push({
      name: "feature issue",
      ok: true,
      detail: `${feature.ref.webUrl} left open (close_feature_issue: false)`,
    });
  } else {
    const marker = closing.marker;
    if (!feature.notes.some((n) => n.body.includes(marker))) {
      actions.push({ kind: "comment", on: feature.ref, marker, body: closing.comment() });
    }
    if (closing.closingDetail) {
      v.checks.push({
        name: "feature issue",
        ok: true,
        detail: closing.closingDetail(feature.ref.webUrl),
      });
    }
    actions.push({ kind: "close-issue", target: feature.ref, what: "the feature issue" });
    v.facts.push(verified("feature-issue-closed"));
  }
}
