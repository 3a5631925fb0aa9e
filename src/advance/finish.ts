// finish_by_schedule: the scheduled `advance` finishes a release or a cleanup a person started,
// as that person's second press would (finish-guard.ts), by an ordinary phase run marked "by
// schedule" (audit note, status note, checklist ticks, notifications). At most one phase run per
// tick, release before cleanup (the template's order; each waits on its own merge request, so a
// release still waiting does not hold a started cleanup up). A tick with nothing to do writes
// nothing: a waiting phase is refused before any write, and a finished one is left alone.

import type { IssueHistory } from "../engine/history.js";
import type { Ports } from "../engine/ports.js";
import { describeRefusal } from "../engine/refusal.js";
import { type PhaseResult, runPhase } from "../engine/run-phase.js";
import type { Plan } from "../engine/types.js";
import { type Refusal, RefusalError } from "../errors.js";
import { cleanup } from "../phases/cleanup.js";
import { release } from "../phases/release.js";
import {
  decideFinish,
  describeStatus,
  FINISHABLE,
  type Finishable,
  type FinishDecision,
} from "./finish-decide.js";
import { scheduledFinish } from "./finish-guard.js";

export interface FinishResult {
  /** wait: a started phase is not ready; stop: nothing left for the schedule; stepped: ran one. */
  outcome: "wait" | "stop" | "stepped";
  message: string;
  reasons: Refusal[];
  /** The phase the schedule finished (or, with --dry-run, would). */
  finish?: Finishable;
  phase?: PhaseResult;
  reason?: string;
}

export const NOTHING_STARTED =
  "finish_by_schedule: neither release nor cleanup was started by a person (the schedule finishes them, it never starts them)";

/**
 * From the trusted notes advance read: undefined when no release or cleanup was ever started by a
 * person and the flag is still there (advance goes on to its percentage steps, if any).
 */
export async function finishBySchedule(
  ports: Ports,
  history: IssueHistory,
  options: { dryRun: boolean },
): Promise<FinishResult | undefined> {
  const { config, logger } = ports;
  const decision = decideFinish(history, config.environments);
  if (decision.removed) {
    // Checked whatever finish_by_schedule says: with the flag gone, a percentage step would
    // create it again.
    const message = `the cleanup deleted \`${config.flag}\` on every instance at ${decision.removed}: nothing is left for the schedule (remove the pipeline schedule, or its variable)`;
    logger.info(message);
    return { outcome: "stop", message, reasons: [] };
  }
  if (!config.finishBySchedule) return undefined;
  const started = FINISHABLE.filter((p) => decision.statuses[p].kind !== "not-started");
  if (started.length === 0) return undefined;
  logger.info("finish_by_schedule: what a person started");
  for (const p of FINISHABLE) logger.info(`  ${describeStatus(p, decision.statuses[p])}`);
  // Nothing of theirs to try (finished, or held by a rollback): the percentage steps' own rules
  // decide, when auto_advance is on (after a rollback, a person's production step restarts them).
  if (decision.due.length === 0 && config.autoAdvance !== "off") return undefined;

  const waits: Refusal[] = [];
  for (const name of decision.due) {
    const tried = await tryFinish(ports, name, decision, options);
    if (tried.outcome === "stepped") return tried;
    waits.push(...tried.reasons);
  }
  if (waits.length > 0) {
    const lines = waits.map(describeRefusal);
    logger.info("Nothing to finish yet:");
    for (const line of lines) logger.info(`  - ${line}`);
    return {
      outcome: "wait",
      message: `Nothing to finish yet: ${lines.join("; ")}`,
      reasons: waits,
    };
  }
  const message = `Nothing left to finish: ${FINISHABLE.map((p) => describeStatus(p, decision.statuses[p])).join("; ")}`;
  logger.info(message);
  return { outcome: "stop", message, reasons: [] };
}

/** One phase's finishing run: stepped, a wait with its reasons, or finished (no reasons). */
async function tryFinish(
  ports: Ports,
  name: Finishable,
  decision: FinishDecision,
  options: { dryRun: boolean },
): Promise<FinishResult> {
  const status = decision.statuses[name];
  if (status.kind !== "started") return { outcome: "stop", message: "", reasons: [] };
  const by = status.start.event.by ?? status.start.author;
  const reason = `by schedule (finish_by_schedule): the ${name} ${by} started at ${status.start.event.at}, finished as their second press would`;
  ports.logger.info(`Finishing ${name}, by schedule:`);
  try {
    const result = await runPhase(
      scheduledFinish(name === "release" ? { ...release, name } : { ...cleanup, name }),
      { ...ports, context: { ...ports.context, trigger: "schedule" } },
      // Never forced: every "not now" of the phase is a wait, as for advance's steps.
      { dryRun: options.dryRun, force: false, reason, everywhere: false },
    );
    if (!writes(result.plan)) {
      ports.logger.info(`${name}: nothing left to do; the schedule leaves it`);
      return { outcome: "stop", message: `${name} has nothing left to do`, reasons: [] };
    }
    const message = `${options.dryRun ? "would finish" : "finished"} ${name}, by schedule`;
    ports.logger.info(`${message[0]!.toUpperCase()}${message.slice(1)}.`);
    return {
      outcome: "stepped",
      message,
      reasons: [],
      finish: name,
      phase: result,
      reason,
    };
  } catch (error) {
    // A "never" (the MR gone, the definition broken) needs a person: the job fails.
    if (error instanceof RefusalError && error.refusals.every((r) => r.kind === "not-now")) {
      return { outcome: "wait", message: error.message, reasons: [...error.refusals] };
    }
    throw error;
  }
}

function writes(plan: Plan): boolean {
  return plan.actions.some((a) => a.changes.length > 0) || plan.issueActions.length > 0;
}
