// How a plan and a stopped run read in the job log.

import { type Changes, FfRolloutError, GitLabError } from "../errors.js";
import { describeChange } from "../flags/transitions.js";
import type { Logger } from "../report/logger.js";
import { blockingRefusals, describeRefusal } from "./refusal.js";
import type { Check, InstanceOutcome, IssueAction, Plan } from "./types.js";

export function describeIssueAction(action: IssueAction): string {
  switch (action.kind) {
    case "set-milestone":
      return `set the milestone ${action.milestone.title}`;
    case "link-issue":
      return `link ${action.target.webUrl}`;
    case "comment":
      return `comment on ${action.on.webUrl}`;
    case "open-merge-request":
      return `open ${action.what} from ${action.change.sourceBranch} into ${action.change.targetBranch}`;
    case "close-issue":
      return `close ${action.what} ${action.target.webUrl}`;
    case "create-issue":
      return `create the issue "${action.issue.title}", related to ${action.relateTo.webUrl}`;
  }
}

/** ✓ passed, ✗ failed, … waiting for something that comes on its own schedule. */
export function checkMark(check: Check): string {
  if (check.waiting) return "…";
  return check.ok ? "✓" : "✗";
}

/**
 * `force`: the run's --force. Refusals that stop the run are not printed here: the error it
 * stops with lists each one, and printing them twice more (a failed check says the same) made
 * one refusal read three times in a row. Only refusals --force overrides are told here.
 */
export function printPlan(plan: Plan, logger: Logger, force = false): void {
  logger.info(`Plan: ${plan.summary}`);
  for (const check of plan.checks)
    logger.info(`  ${checkMark(check)} ${check.name}: ${check.detail}`);
  for (const action of plan.actions) {
    const what =
      action.changes.length === 0
        ? "nothing to do"
        : action.changes.map(describeChange).join(", then ");
    logger.info(`  ${action.environment.name}: ${what}`);
    for (const note of action.notes) logger.info(`    note: ${note}`);
  }
  for (const action of plan.issueActions) logger.info(`  issue: ${describeIssueAction(action)}`);
  if (force && blockingRefusals(plan.refusals, force).length === 0) {
    for (const refusal of plan.refusals)
      logger.info(`  overridden by --force: ${describeRefusal(refusal)}`);
  }
}

/** The error that stopped a run, restated with exactly which instances changed. */
export function withChanges(
  error: unknown,
  outcomes: InstanceOutcome[],
  issueDone: string[] = [],
): FfRolloutError {
  const changed = outcomes.filter((o) => o.applied.length > 0).map((o) => o.environment);
  const failed = outcomes.filter((o) => o.status === "failed").map((o) => o.environment);
  const untouched = outcomes
    .filter((o) => o.applied.length === 0 && o.status !== "failed")
    .map((o) => o.environment);
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(", ") : "none");
  const summary = `changed: ${list(changed)}; failed: ${list(failed)}; not changed: ${list(untouched)}${issueDone.length > 0 ? `; issue: ${issueDone.join(", ")}` : ""}`;
  const cause = error instanceof Error ? error.message : String(error);
  const message = `${cause}\nStopped part-way (${summary}). Re-run the job to finish; what is done is not repeated.`;
  const stopped =
    error instanceof GitLabError
      ? new GitLabError(message, error.kind, error.details)
      : error instanceof FfRolloutError
        ? error
        : new GitLabError(message, "invalid-response", {
            instance: failed[0] ?? "?",
            method: "?",
            path: "?",
          });
  stopped.changes = changesOf(outcomes, issueDone);
  return stopped;
}

/** The instances a run wrote to (or failed writing to) and the issue steps it did. */
export function changesOf(outcomes: InstanceOutcome[], issue: string[] = []): Changes {
  return {
    instances: outcomes
      .filter((o) => o.applied.length > 0 || o.status === "failed")
      .map((o) => ({
        environment: o.environment,
        status: o.status === "failed" ? "failed" : "changed",
        before: o.before,
        after: o.after,
      })),
    issue,
  };
}
