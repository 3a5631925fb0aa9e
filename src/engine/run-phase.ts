// One phase run, start to end: read the state, plan, refuse or apply, write the audit note, tick
// the checklist. The log reads as a story, one collapsible section per step.

import { ConfigError } from "../errors.js";
import { hasRun } from "../phases/history-gates.js";
import { applyFlagActions } from "./apply-flags.js";
import { applyIssueActions } from "./apply-issue-actions.js";
import { gatherState } from "./gather.js";
import { matchContext } from "./match-context.js";
import { printPlan, withChanges } from "./plan-output.js";
import type { Ports } from "./ports.js";
import { recordRun } from "./record.js";
import { blockingRefusals, refusalError } from "./refusal.js";
import { tickChecklist } from "./tick-checklist.js";
import type { InstanceOutcome, Phase, PhaseOptions, Plan } from "./types.js";

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

  if (blockingRefusals(plan.refusals, options.force).length > 0) {
    throw refusalError(phase.name, plan.refusals, options.force);
  }
  if (options.dryRun) {
    logger.info("Dry run: nothing was written.");
    return result;
  }

  const applied = await logger.section("Applying", async () => {
    const flags = await applyFlagActions(config.flag, plan.actions, ports.backends, logger);
    const issue =
      flags.error === undefined ? await applyIssueActions(ports, plan.issueActions) : { done: [] };
    return {
      ...flags,
      issueDone: issue.done,
      error: flags.error ?? ("error" in issue ? issue.error : undefined),
    };
  });
  result.outcomes = applied.outcomes;
  const changed =
    applied.outcomes.some((o) => o.applied.length > 0 || o.status === "failed") ||
    applied.issueDone.length > 0;
  // The first run of a phase is recorded even when it found everything done: the history is the
  // baseline later runs (drift, ordering) rely on.
  if (changed || !hasRun(state, phase.name)) {
    try {
      result.note = await recordRun(ports, {
        plan,
        outcomes: applied.outcomes,
        issueDone: applied.issueDone,
        history: state.history,
        reason: options.reason,
        forced: plan.refusals.length > 0,
        failed: applied.error !== undefined,
      });
    } catch (error) {
      if (applied.error === undefined)
        throw withChanges(error, applied.outcomes, applied.issueDone);
      logger.error(`could not write the audit note either: ${(error as Error).message}`);
    }
  } else {
    logger.info("Nothing changed, so no note was added.");
  }
  if (applied.error !== undefined)
    throw withChanges(applied.error, applied.outcomes, applied.issueDone);

  const ticks = await logger.section("Ticking the checklist", () =>
    tickChecklist(ports.issues, config.rolloutIssue, plan.facts, matchContext(config), logger),
  );
  result.ticked = ticks.ticked;
  result.overwritten = ticks.overwritten.map((e) => ({ author: e.author, at: e.at }));
  for (const text of ticks.ticked) logger.info(`  [x] ${text}`);
  if (ticks.ticked.length === 0) logger.info("  nothing new to tick");
  for (const ref of plan.checklists ?? []) {
    const more = await logger.section(`Ticking the checklist of ${ref.webUrl}`, () =>
      tickChecklist(ports.issues, ref, plan.facts, matchContext(config), logger),
    );
    result.ticked.push(...more.ticked);
    result.overwritten.push(...more.overwritten.map((e) => ({ author: e.author, at: e.at })));
    for (const text of more.ticked) logger.info(`  [x] ${text}`);
  }
  return result;
}
