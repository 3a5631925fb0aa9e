// A rollback, start to end, on its own path: it needs nothing but each chosen instance's
// Features API. The flags go first (production, then the others at once, past failures); only
// then, best effort, the rollout issue: the history, the audit note, the status note, the ticks.
// A down issues instance, an expired issues token or a failing note never keeps a flag on; the
// result says where the flag is off, where it is not, and what the issue is missing.
//
// This is the core the CLI's `run rollback` and `watch` (a health breach) both call.
// It takes no lease and no resource group, so it may run beside a forward step: after its note
// it reads the flags again (rollback-confirm.ts), which with the forward run's check after its
// writes (forward-undo.ts) makes sure a rollback always wins.

import { type FfRolloutError, GitLabError } from "../errors.js";
import { isFullyOff } from "../flags/types.js";
import {
  planRollback,
  type RollbackScope,
  rollbackFacts,
  rollbackTargets,
} from "../phases/rollback.js";
import { readHistory } from "./history.js";
import { matchContext } from "./match-context.js";
import { printPlan } from "./plan-output.js";
import type { Ports } from "./ports.js";
import { recordRun } from "./record.js";
import { type Confirmation, confirmOff } from "./rollback-confirm.js";
import {
  type RollbackOutcome,
  readTargets,
  rollbackActions,
  rollbackActionsOf,
  turnOffEverywhere,
} from "./rollback-flags.js";
import type { PhaseResult } from "./run-phase.js";
import { tickChecklist } from "./tick-checklist.js";
import { readTrust } from "./trust.js";

export interface RollbackRequest {
  /** Why: recorded in the audit note. A health breach passes the breach. */
  reason: string;
  /** Default: production (every production-tier instance). */
  scope?: RollbackScope;
  /** Reads the flags and prints the plan; writes nothing, reads nothing from the issue. */
  dryRun?: boolean;
}

export interface RollbackResult extends PhaseResult {
  outcomes: RollbackOutcome[];
  /** Instances where the flag is off now (turned off by this run or found off). */
  off: string[];
  /** Instances where setting it false failed: the flag may still be on there. */
  notOff: string[];
  /** What the rollout issue is missing because its API failed after the flags were off. */
  issueErrors: string[];
  /** Instances a concurrent forward write turned on again after ours, set false a second time. */
  rewritten?: string[];
}

/**
 * Turns the flag off on the scope's instances, then records the rollback on the rollout issue.
 * Never throws for a GitLab failure: look at `notOff` and `issueErrors`, or pass the result to
 * rollbackFailure(). Throws UsageError (exit 2) for an unknown environment name, before any
 * request.
 */
export async function rollbackFlag(
  ports: Ports,
  request: RollbackRequest,
): Promise<RollbackResult> {
  const { config, logger } = ports;
  const scope = request.scope ?? { kind: "production" };
  const targets = rollbackTargets(config, scope);
  const result: RollbackResult = {
    phase: "rollback",
    flag: config.flag,
    dryRun: request.dryRun === true,
    plan: planRollback(config, scope, [], request.reason),
    outcomes: [],
    ticked: [],
    overwritten: [],
    off: [],
    notOff: [],
    issueErrors: [],
  };

  if (request.dryRun) {
    const reads = await logger.section("Reading the flag", () =>
      readTargets(config.flag, targets, ports.backends),
    );
    result.plan = planRollback(
      config,
      scope,
      rollbackActions(targets, reads, config.flag),
      request.reason,
    );
    printPlan(result.plan, logger);
    logger.info("Dry run: nothing was written.");
    return result;
  }

  const outcomes = await logger.section("Turning the flag off", () =>
    turnOffEverywhere(config.flag, targets, ports.backends, logger),
  );
  result.outcomes = outcomes;
  result.off = outcomes
    .filter((o) => o.status !== "failed" && isFullyOff(o.after))
    .map((o) => o.environment);
  result.notOff = outcomes
    .filter((o) => !result.off.includes(o.environment))
    .map((o) => o.environment);
  const offEnvs = targets.filter((e) => result.off.includes(e.name));
  result.plan = {
    ...planRollback(config, scope, rollbackActionsOf(targets, outcomes), request.reason),
    facts: rollbackFacts(config.flag, offEnvs),
  };

  await logger.section("Recording it on the rollout issue (best effort)", () =>
    recordOnIssue(ports, result, request.reason),
  );
  const confirmed = await logger.section("Checking it stayed off", () =>
    confirmOff(ports, offEnvs, request.reason),
  );
  mergeConfirmation(result, confirmed);
  return result;
}

/** A second write (confirmOff) replaces the instance's outcome; a failed one is not off. */
function mergeConfirmation(result: RollbackResult, confirmed: Confirmation): void {
  if (confirmed.rewritten.length === 0) return;
  result.rewritten = confirmed.rewritten.map((o) => o.environment);
  for (const o of confirmed.rewritten) {
    result.outcomes = result.outcomes.map((x) => (x.environment === o.environment ? o : x));
    if (o.status === "failed" || !isFullyOff(o.after)) {
      result.off = result.off.filter((e) => e !== o.environment);
      result.notOff.push(o.environment);
    }
  }
  if (confirmed.issueError) result.issueErrors.push(confirmed.issueError);
}

/** The history, the audit and status notes, the ticks: each failure noted, none fatal. */
async function recordOnIssue(ports: Ports, result: RollbackResult, reason: string): Promise<void> {
  const { config, logger } = ports;
  const failed = (what: string, error: unknown) => {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    result.issueErrors.push(message);
    logger.info(`  FAILED: ${message}`);
  };
  let history: ReturnType<typeof readHistory> | undefined;
  try {
    // Only trusted authors' notes count (trust.ts), here as in every phase.
    const [notes, trust] = await Promise.all([
      ports.issues.listNotes(config.rolloutIssue),
      readTrust(ports.issues, config),
    ]);
    history = readHistory(notes, config.flag, trust);
  } catch (error) {
    failed("could not read the rollout issue's notes, so no audit note was written", error);
  }
  if (history) {
    const changed = result.outcomes.some((o) => o.status === "changed" || o.status === "failed");
    const recorded = history.entries.some((e) => e.event.phase === "rollback");
    if (changed || !recorded) {
      try {
        result.note = await recordRun(ports, {
          plan: result.plan,
          outcomes: result.outcomes,
          issueDone: [],
          history,
          reason,
          forced: false,
          failed: result.notOff.length > 0,
        });
      } catch (error) {
        failed("could not write the audit note", error);
      }
    } else {
      logger.info("Already off and already recorded: no new note.");
    }
  }
  if (result.plan.facts.length === 0) return;
  try {
    const ticks = await tickChecklist(
      ports.issues,
      config.rolloutIssue,
      result.plan.facts,
      matchContext(config),
      logger,
    );
    result.ticked = ticks.ticked;
    result.overwritten = ticks.overwritten.map((e) => ({ author: e.author, at: e.at }));
    for (const text of ticks.ticked) logger.info(`  [x] ${text}`);
  } catch (error) {
    failed("could not tick the checklist", error);
  }
}

/**
 * The error a failed or half-recorded rollback exits with (exit 3), or undefined when all went
 * well. Its first line says where the flag is off and where it is not: during an incident that is
 * the line people read.
 */
export function rollbackFailure(result: RollbackResult): FfRolloutError | undefined {
  if (result.notOff.length === 0 && result.issueErrors.length === 0) return undefined;
  const flag = `\`${result.flag}\``;
  const offOn = result.off.length > 0 ? result.off.join(", ") : "no instance";
  const lines: string[] = [];
  if (result.notOff.length > 0) {
    lines.push(
      `rollback incomplete: ${flag} is off on ${offOn}; NOT off on ${result.notOff.join(", ")}`,
    );
    for (const o of result.outcomes.filter((x) => x.status === "failed"))
      lines.push(`  ${o.environment}: ${o.error}`);
    lines.push(
      "Re-run the rollback: instances already off are left alone, the failed ones are tried again.",
    );
  } else {
    lines.push(
      `rollback done: ${flag} is off on ${offOn}; the rollout issue was not fully updated`,
    );
  }
  for (const e of result.issueErrors) lines.push(`  rollout issue: ${e}`);
  const failedOn = result.outcomes.find((o) => o.status === "failed");
  return new GitLabError(lines.join("\n"), "server", {
    instance: failedOn?.environment ?? "issues",
    method: failedOn ? "POST" : "?",
    path: failedOn ? `features/${result.flag}` : "?",
  });
}
