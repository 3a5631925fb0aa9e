// cleanup, step two: once the cleanup MR is merged into the default branch, its commit is
// deployed to production and no code on the default branch reads the flag, delete the flag on
// every instance, comment on and close the feature
// issue (close_feature_issue), close the cleanup issue, and close the rollout issue last.
// Refused, with what to do, while the MR is open or its commit not yet deployed.

import type { Config, IssueRef } from "../config.js";
import type { Fact } from "../engine/facts.js";
import { notNow } from "../engine/refusal.js";
import type { CleanupFacts, CodeSearch } from "../engine/release-facts.js";
import type { MergeRequestState } from "../engine/release-port.js";
import type { IssueAction, Plan, RolloutState } from "../engine/types.js";
import {
  code,
  hiddenMarker,
  lines,
  md,
  ours,
  type SafeMarkdown,
  url,
} from "../report/safe-markdown.js";
import { changelogCheck } from "./changelog.js";
import { emptyVerdicts, flagActions, plural, short, type Verdicts, verified } from "./checks.js";
import { cleanupIssueAction } from "./cleanup-issue.js";
import { type CodeReference, remainingReferences } from "./cleanup-references.js";
import { closeFeatureIssueOnce } from "./close-feature-issue.js";
import { releaseCheck } from "./release-verdicts.js";

export const CLEANUP_MARKER = (flag: string) => hiddenMarker("ff-rollout:cleanup", flag);

export function finishCleanup(
  state: RolloutState,
  facts: CleanupFacts,
  mr: MergeRequestState,
): Plan {
  const { config } = state;
  const v = emptyVerdicts();
  const base = { phase: "cleanup" as const, flag: config.flag };
  // The cleanup issue, when asked for after the MR was opened, still comes first.
  const created = cleanupIssueAction(state, facts, mr.url);
  const deployed = deployedToProduction(facts, mr, v);
  changelogCheck("the cleanup merge request", facts.commits, v);
  const unread = facts.remaining ? nothingReadsTheFlag(state, facts.remaining, v) : true;
  if (!deployed || !unread) {
    return {
      ...base,
      summary: `wait for the cleanup merge request of \`${config.flag}\` (${mr.url})`,
      checks: v.checks,
      refusals: v.refusals,
      actions: [],
      issueActions: created ? [created] : [],
      facts: v.facts,
      checklists: cleanupChecklists(facts),
    };
  }
  const actions = flagActions(state, config.environments, { kind: "deleted" }, v);
  const deleted: Fact[] = config.environments.flatMap((e) =>
    e.chatops ? [{ kind: "flag-deleted", flag: config.flag, instance: e.chatops } as const] : [],
  );
  releaseCheck(facts.release, mr, v);
  const issueActions = [...(created ? [created] : []), ...closeIssues(state, facts, mr, v)];
  const pending = actions.filter((a) => a.changes.length > 0).length;
  return {
    ...base,
    summary:
      pending > 0 || issueActions.length > 0
        ? `delete \`${config.flag}\` on ${plural(pending, "instance")} and close its issues (the cleanup MR ${mr.url} is deployed)`
        : `\`${config.flag}\` is deleted everywhere and its issues are closed`,
    checks: v.checks,
    refusals: v.refusals,
    actions,
    issueActions,
    facts: [...v.facts, ...deleted],
    checklists: cleanupChecklists(facts),
  };
}

/**
 * Once the MR is merged, the default branch is searched again: code that still reads the flag
 * would switch off for everyone when the flag is deleted (an unknown flag reads as off), so that
 * waits. No code left ticks "remove all references"; mentions in prose are listed, not held.
 */
function nothingReadsTheFlag(state: RolloutState, remaining: CodeSearch, v: Verdicts): boolean {
  const { code, prose } = remainingReferences(remaining);
  const list = (refs: CodeReference[]) =>
    refs
      .slice(0, 10)
      .map((r) => `${r.path}:${r.lines[0]}`)
      .join(", ") + (refs.length > 10 ? ` and ${refs.length - 10} more` : "");
  const mentions =
    prose.length > 0 ? `; mentioned in ${plural(prose.length, "document")} (${list(prose)})` : "";
  if (code.length === 0) {
    v.checks.push({
      name: "code references",
      ok: true,
      detail: `the default branch no longer reads the flag${mentions}`,
    });
    v.facts.push(verified("code-references-removed"));
    return true;
  }
  v.checks.push({
    name: "code references",
    ok: false,
    detail: `${plural(code.length, "file")} on the default branch still read the flag: ${list(code)}`,
  });
  // A person's work still to do (or a judgement that the code is dead): "not now".
  v.refusals.push(
    notNow(
      `the default branch still reads \`${state.config.flag}\` in ${plural(code.length, "file")} (${list(code)}): deleting the flag now would switch those paths off for everyone. Remove the references in a merge request and play cleanup again once it is deployed, or pass --force --reason "..." if that code is dead`,
    ),
  );
  return false;
}

function deployedToProduction(facts: CleanupFacts, mr: MergeRequestState, v: Verdicts): boolean {
  const merged = mr.state === "merged" && mr.targetBranch === mr.defaultBranch;
  v.checks.push({
    name: "cleanup merge request",
    ok: merged,
    detail: merged
      ? `${mr.url} merged into ${mr.targetBranch} (${short(mr.commit)})`
      : mr.state === "merged"
        ? `${mr.url} was merged into ${mr.targetBranch}, not the default branch ${mr.defaultBranch}`
        : `${mr.url} is ${stateWord(mr.state)}, not merged yet`,
  });
  v.facts.push(verified("cleanup-mr"));
  if (!merged) {
    v.refusals.push(
      notNow(
        mr.state === "merged"
          ? `the cleanup merge request ${mr.url} was merged into ${mr.targetBranch}, not ${mr.defaultBranch}`
          : `the cleanup merge request ${mr.url} is ${stateWord(mr.state)}, not merged yet: remove the flag's references listed in it, merge it, and play cleanup again once it is deployed to production`,
      ),
    );
    return false;
  }
  if (!facts.deployments) {
    v.checks.push({
      name: "deployments",
      ok: true,
      detail: "not checked: no deployments configured",
    });
  } else {
    for (const d of facts.deployments) {
      const ok = d.status === "deployed";
      const detail = ok
        ? `deployed (${short(d.deployedSha)} since ${d.deployedAt})`
        : d.status === "not-yet"
          ? `not yet: ${short(d.deployedSha)} deployed at ${d.deployedAt} does not contain ${short(mr.commit)}`
          : "no successful deployment";
      v.checks.push({ name: `deployed to ${d.environment}`, ok, detail });
      if (!ok) {
        v.refusals.push(
          notNow(
            `the cleanup merge request's commit ${short(mr.commit)} is not deployed to ${d.environment} (${detail}); the flag is deleted only once production runs code that no longer reads it`,
          ),
        );
      }
    }
    if (facts.deployments.some((d) => d.status !== "deployed")) return false;
  }
  v.facts.push(verified("cleanup-deployed"));
  return true;
}

function closeIssues(
  state: RolloutState,
  facts: CleanupFacts,
  mr: MergeRequestState,
  v: Verdicts,
): IssueAction[] {
  const { config } = state;
  const actions: IssueAction[] = [];
  closeFeatureIssueOnce(
    state,
    facts.featureIssue,
    { marker: CLEANUP_MARKER(config.flag), comment: () => removedComment(config, mr.url) },
    v,
    actions,
  );
  if (facts.cleanupIssue?.state === "opened") {
    actions.push({
      kind: "close-issue",
      target: facts.cleanupIssue.ref,
      what: "the cleanup issue",
    });
  }
  if (facts.cleanupIssue) v.facts.push(verified("cleanup-issue-closed"));
  // Last: the rollout issue is the record of all the above.
  if (facts.rolloutIssue.state !== "closed") {
    actions.push({ kind: "close-issue", target: config.rolloutIssue, what: "the rollout issue" });
  }
  v.facts.push(verified("rollout-issue-closed"));
  return actions;
}

/** GitLab's state names read as words: "opened" is "open". */
function stateWord(state: string): string {
  return state === "opened" ? "open" : state;
}

/** The feature issue's comment once the flag is gone, before it is closed. */
export function removedComment(config: Config, mergeRequestUrl: string): SafeMarkdown {
  return lines(
    md`The ${code(config.flag)} feature flag is removed: the cleanup merge request ${url(mergeRequestUrl, config.issues.url)} is merged and deployed to production, and the flag is deleted on every instance. The feature stays on for everyone; closing this issue. Details: ${url(config.rolloutIssue.webUrl)}`,
    ours(""),
    CLEANUP_MARKER(config.flag),
  );
}

/** The separate cleanup issue, when there is one: its list is ticked with the same facts. */
export function cleanupChecklists(facts: CleanupFacts): IssueRef[] {
  return facts.cleanupIssue ? [facts.cleanupIssue.ref] : [];
}
