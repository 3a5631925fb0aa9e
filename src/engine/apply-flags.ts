// Performs a plan's flag writes: every instance at once (they are independent: one GitLab each),
// each instance's own changes in order (a fully-on flag is set false before a percentage). The
// outcome says exactly which instances changed and which did not; the error is the first failed
// instance's, in the plan's order. A re-run plans again from the live state, so it changes only
// what is left. Rollback has its own path (rollback-flags.ts): production first, past failures.

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
   * always wins. run-phase.ts passes false: it re-reads every flag under the lease, right before
   * these writes, and refuses there (decide.ts).
   */
  guard = false,
): Promise<FlagApplyResult> {
  for (const action of actions) {
    if (action.changes.length > 0 && !backends.has(action.environment.name))
      throw new Error(`no flag backend for environment "${action.environment.name}"`);
  }
  const done = await Promise.all(
    actions.map((action) => applyOne(flag, action, backends, logger, guard)),
  );
  return {
    outcomes: done.map((d) => d.outcome),
    error: done.find((d) => d.error !== undefined)?.error,
  };
}

async function applyOne(
  flag: string,
  action: FlagAction,
  backends: Map<string, FlagBackend>,
  logger: Logger,
  guard: boolean,
): Promise<{ outcome: InstanceOutcome; error?: unknown }> {
  const name = action.environment.name;
  const outcome: InstanceOutcome = {
    environment: name,
    before: action.before,
    after: action.before,
    status: "changed",
    applied: [],
  };
  if (action.changes.length === 0) {
    logger.info(`  ${name}: already at target, nothing to do`);
    return { outcome: { ...outcome, status: "unchanged" } };
  }
  const backend = backends.get(name)!;
  if (guard) {
    const live = await backend.read(flag);
    if (!sameState(live, action.before)) {
      const message = changedMeanwhile(name, live, action.before);
      logger.info(`  ${name}: changed meanwhile, not written`);
      return {
        outcome: { ...outcome, status: "skipped", error: message },
        error: concurrentRefusal(`the write to ${name}`, message),
      };
    }
  }
  try {
    for (const change of action.changes) {
      outcome.after = await backend.apply(flag, change);
      outcome.applied.push(change);
      logger.info(`  ${name}: ${describeChange(change)} ✓`);
    }
    return { outcome };
  } catch (error) {
    // An instance with some of its writes done is reported as failed, with what was applied.
    outcome.status = "failed";
    outcome.error = error instanceof Error ? error.message : String(error);
    logger.info(`  ${name}: failed`);
    return { outcome, error };
  }
}

/** Why an instance is not written: it is no longer what the plan was built on. */
export function changedMeanwhile(name: string, live: FlagState, planned: FlagState): string {
  return `${name} is ${describeState(live)}, no longer ${describeState(planned)} as this run read it: a rollback or another run changed it meanwhile, and a rollback always wins. Nothing was written to ${name}; run status and decide again.`;
}

/** Exactly the same gates: "never set" and "set false" differ here (a rollback writes false). */
export function sameState(a: FlagState, b: FlagState): boolean {
  return a.exists === b.exists && sameEffect(a, b) && a.boolean === b.boolean;
}
