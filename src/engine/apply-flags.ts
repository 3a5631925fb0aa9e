// Performs a plan's flag writes, one instance after the other, and stops at the first failure so
// that the outcome says exactly which instances changed and which did not. A re-run plans again
// from the live state, so it changes only what is left.

import { describeState } from "../flags/gates.js";
import { describeChange } from "../flags/transitions.js";
import type { FlagBackend, FlagState } from "../flags/types.js";
import type { Logger } from "../report/logger.js";
import { concurrentRefusal } from "./concurrent-refusal.js";
import { sameEffect } from "./drift.js";
import type { FlagAction, InstanceOutcome } from "./types.js";

export interface FlagApplyResult {
  outcomes: InstanceOutcome[];
  /** The error that stopped the run, if any. */
  error?: unknown;
}

export async function applyFlagActions(
  flag: string,
  actions: FlagAction[],
  backends: Map<string, FlagBackend>,
  logger: Logger,
  /**
   * Re-read each instance just before writing it and write nothing if it is no longer in the
   * state the plan was built on: a rollback (or another run) got there first, and a rollback
   * always wins. Every phase but rollback itself passes true.
   */
  guard = false,
): Promise<FlagApplyResult> {
  const outcomes: InstanceOutcome[] = [];
  let stopped: unknown;
  for (const action of actions) {
    const name = action.environment.name;
    if (stopped !== undefined) {
      outcomes.push({
        environment: name,
        before: action.before,
        after: action.before,
        status: "skipped",
        applied: [],
      });
      continue;
    }
    if (action.changes.length === 0) {
      outcomes.push({
        environment: name,
        before: action.before,
        after: action.before,
        status: "unchanged",
        applied: [],
      });
      logger.info(`  ${name}: already at target, nothing to do`);
      continue;
    }
    const backend = backends.get(name);
    if (!backend) throw new Error(`no flag backend for environment "${name}"`);
    const outcome: InstanceOutcome = {
      environment: name,
      before: action.before,
      after: action.before,
      status: "changed",
      applied: [],
    };
    if (guard) {
      const live = await backend.read(flag);
      if (!sameState(live, action.before)) {
        const message = `${name} is ${describeState(live)}, no longer ${describeState(action.before)} as this run read it: a rollback or another run changed it meanwhile, and a rollback always wins. Nothing was written to ${name}; run status and decide again.`;
        outcomes.push({ ...outcome, status: "skipped", error: message });
        stopped = concurrentRefusal(`the write to ${name}`, message);
        logger.info(`  ${name}: changed meanwhile, not written`);
        continue;
      }
    }
    try {
      for (const change of action.changes) {
        outcome.after = await backend.apply(flag, change);
        outcome.applied.push(change);
        logger.info(`  ${name}: ${describeChange(change)} ✓`);
      }
    } catch (error) {
      // An instance with some of its writes done is reported as failed, with what was applied.
      outcome.status = "failed";
      outcome.error = error instanceof Error ? error.message : String(error);
      stopped = error;
      logger.info(`  ${name}: failed`);
    }
    outcomes.push(outcome);
  }
  return { outcomes, error: stopped };
}

/** Exactly the same gates: "never set" and "set false" differ here (a rollback writes false). */
function sameState(a: FlagState, b: FlagState): boolean {
  return a.exists === b.exists && sameEffect(a, b) && a.boolean === b.boolean;
}
