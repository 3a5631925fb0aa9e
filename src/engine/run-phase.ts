// One phase run, start to end: read the state, plan, refuse or apply, write the audit note, tick
// the checklist. The log reads as a story, one collapsible section per step.

import type { Config, RunContext } from "../config.js";
import { ConfigError, FfRolloutError, GitLabError, RefusalError } from "../errors.js";
import { describeChange } from "../flags/transitions.js";
import type { FlagBackend } from "../flags/types.js";
import type { IssueStore } from "../gitlab/issues.js";
import type { Logger } from "../report/logger.js";
import { applyFlagActions } from "./apply-flags.js";
import { gatherState } from "./gather.js";
import { matchContext } from "./match-context.js";
import { recordRun } from "./record.js";
import { tickChecklist } from "./tick-checklist.js";
import type { InstanceOutcome, Phase, PhaseOptions, Plan } from "./types.js";

export interface Ports {
  config: Config;
  backends: Map<string, FlagBackend>;
  issues: IssueStore;
  /** GitLab's clock on the issues instance when known, else the runner's. */
  now: () => Date;
  logger: Logger;
  context: RunContext;
}

export interface RunOptions extends PhaseOptions {
  dryRun: boolean;
}

export interface PhaseResult {
  phase: string;
  flag: string;
  dryRun: boolean;
  plan: Plan;
  outcomes: InstanceOutcome[];
  note?: { id: number; edited: boolean };
  ticked: string[];
  /** People's edits our checklist write overwrote and could not put back (also warned). */
  overwritten: { author: string; at: string }[];
}

export async function runPhase(
  phase: Phase,
  ports: Ports,
  options: RunOptions,
): Promise<PhaseResult> {
  const { config, logger } = ports;
  if (options.force && !options.reason?.trim()) {
    throw new ConfigError([
      {
        path: "--force",
        message: 'needs --reason "..." saying why the refusal is overridden; the note records it',
      },
    ]);
  }
  const state = await gatherState(phase, ports, options);
  const plan = phase.plan(state, options);
  printPlan(plan, logger);
  const result: PhaseResult = {
    phase: phase.name,
    flag: config.flag,
    dryRun: options.dryRun,
    plan,
    outcomes: [],
    ticked: [],
    overwritten: [],
  };

  if (plan.refusals.length > 0 && !options.force) {
    throw new RefusalError(
      `${phase.name} refused:\n${plan.refusals.map((r) => `  - ${r}`).join("\n")}`,
    );
  }
  if (options.dryRun) {
    logger.info("Dry run: nothing was written.");
    return result;
  }

  const applied = await logger.section("Applying", () =>
    applyFlagActions(config.flag, plan.actions, ports.backends, logger),
  );
  result.outcomes = applied.outcomes;
  const changedSomething = applied.outcomes.some(
    (o) => o.applied.length > 0 || o.status === "failed",
  );

  if (changedSomething) {
    try {
      result.note = await recordRun(ports, {
        plan,
        outcomes: applied.outcomes,
        history: state.history,
        reason: options.reason,
        forced: plan.refusals.length > 0,
      });
    } catch (error) {
      if (applied.error === undefined) throw withChanges(error, applied.outcomes);
      logger.error(`could not write the audit note either: ${(error as Error).message}`);
    }
  } else {
    logger.info("Nothing changed, so no note was added.");
  }

  if (applied.error !== undefined) throw withChanges(applied.error, applied.outcomes);

  const ticks = await logger.section("Ticking the checklist", () =>
    tickChecklist(ports.issues, config.rolloutIssue, plan.facts, matchContext(config), logger),
  );
  result.ticked = ticks.ticked;
  result.overwritten = ticks.overwritten.map((e) => ({ author: e.author, at: e.at }));
  for (const text of ticks.ticked) logger.info(`  [x] ${text}`);
  if (ticks.ticked.length === 0) logger.info("  nothing new to tick");
  return result;
}

function backendFor(ports: Ports, name: string): FlagBackend {
  const backend = ports.backends.get(name);
  if (!backend) throw new Error(`no flag backend for environment "${name}"`);
  return backend;
}

function printPlan(plan: Plan, logger: Logger): void {
  logger.info(`Plan: ${plan.summary}`);
  for (const check of plan.checks)
    logger.info(`  ${check.ok ? "✓" : "✗"} ${check.name}: ${check.detail}`);
  for (const action of plan.actions) {
    const what =
      action.changes.length === 0
        ? "nothing to do"
        : action.changes.map(describeChange).join(", then ");
    logger.info(`  ${action.environment.name}: ${what}`);
    for (const note of action.notes) logger.info(`    note: ${note}`);
  }
  for (const refusal of plan.refusals) logger.info(`  refused: ${refusal}`);
}

/** The error that stopped a run, restated with exactly which instances changed. */
function withChanges(error: unknown, outcomes: InstanceOutcome[]): FfRolloutError {
  const changed = outcomes.filter((o) => o.applied.length > 0).map((o) => o.environment);
  const failed = outcomes.filter((o) => o.status === "failed").map((o) => o.environment);
  const untouched = outcomes
    .filter((o) => o.applied.length === 0 && o.status !== "failed")
    .map((o) => o.environment);
  const cause = error instanceof Error ? error.message : String(error);
  const summary = [
    `changed: ${changed.length > 0 ? changed.join(", ") : "none"}`,
    `failed: ${failed.length > 0 ? failed.join(", ") : "none"}`,
    `not changed: ${untouched.length > 0 ? untouched.join(", ") : "none"}`,
  ].join("; ");
  const message = `${cause}\nStopped part-way (${summary}). Re-run the job to finish; what is done is not repeated.`;
  if (error instanceof GitLabError) return new GitLabError(message, error.kind, error.details);
  if (error instanceof FfRolloutError) return error;
  return new GitLabError(message, "invalid-response", {
    instance: failed[0] ?? "?",
    method: "?",
    path: "?",
  });
}
