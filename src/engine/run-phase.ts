// One phase run, start to end: read the state, plan, refuse or apply, write the audit note, tick
// the checklist. The log reads as a story, one collapsible section per step. Every run that
// writes does so under the flag's lease (lease.ts): it re-reads the notes and the flags once it
// holds it and plans again, so what it writes is decided on the state no other run is changing.

import { randomUUID } from "node:crypto";
import { UsageError } from "../errors.js";
import type { Issue } from "../gitlab/issues.js";
import { hasRun } from "../phases/history-gates.js";
import { DeferredLogger } from "../report/deferred-logger.js";
import type { LeaseInfo } from "../report/lease-note.js";
import { compactState } from "../report/note.js";
import { applyFlagActions } from "./apply-flags.js";
import { applyIssueActions } from "./apply-issue-actions.js";
import { type Decision, decide, decideAgain, refuse, rereadFlags, writes } from "./decide.js";
import { undoIfRolledBack } from "./forward-undo.js";
import { gatherState } from "./gather.js";
import { readHistory } from "./history.js";
import { abandonedLeases, acquireLease, readLeases, releaseLease } from "./lease.js";
import { matchContext } from "./match-context.js";
import { printPlan, withChanges } from "./plan-output.js";
import type { Ports } from "./ports.js";
import { reconcileStatusNote, recordRun, recordUnrecorded } from "./record.js";
import { startTicks, type Ticks, tellTicks } from "./run-ticks.js";
import { wantsTicks } from "./tick-checklist.js";
import { readTrust, type Trust } from "./trust.js";
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
  /** Notes written for earlier runs whose own note failed. */
  recordedLate?: number;
  /** The issue actions done (comments, links, merge requests...), as the log names them. */
  issueDone?: string[];
}

export async function runPhase(
  phase: Phase,
  ports: Ports,
  options: RunOptions,
): Promise<PhaseResult> {
  const { config, logger } = ports;
  if (options.force && !options.reason?.trim()) {
    throw new UsageError([
      {
        option: "--force",
        problem: "needs a reason",
        fix: 'add --reason "..." saying why the refusal is overridden; the note records it',
      },
    ]);
  }
  const trust = readTrust(ports.issues, config);
  trust.catch(() => undefined); // awaited below; a failure surfaces there, not as unhandled
  const self = leaseInfo(ports, phase.name);
  const read = await gatherState(phase, ports, options, trust);
  const who = await trust;
  const first = decide(phase, options, read, self, who);
  printPlan(first.plan, logger, options.force);
  for (const u of first.late)
    logger.info(`  issue: record the ${u.event.phase} change of an earlier run whose note failed`);
  const result: PhaseResult = {
    phase: phase.name,
    flag: config.flag,
    dryRun: options.dryRun,
    plan: first.plan,
    outcomes: [],
    ticked: [],
    overwritten: [],
    recordedLate: 0,
  };
  refuse(phase, first.plan, options);
  if (options.dryRun) {
    logger.info("Dry run: nothing was written.");
    return result;
  }

  // (Rollback has its own path, run-rollback.ts: no lease, nothing but the Features API.)
  let ticks: Ticks;
  if (!writes(first, phase)) {
    logger.info("Nothing changed, so no note was added.");
    // The rollout issue as this run read it: ticked from that text when it has anything to tick.
    const known = read.rolloutIssue;
    ticks = startTicks(ports, result.plan, known, () =>
      known ? Promise.resolve(known) : ports.issues.getIssue(config.rolloutIssue),
    );
  } else {
    self.instances = first.plan.actions
      .filter((a) => a.changes.length > 0)
      .map((a) => ({ environment: a.environment.name, before: compactState(a.before) }));
    // The flags are read again alongside the notes once the lease is posted: the last look
    // before the writes, which follow at once.
    const held = await acquireLease(
      ports.issues,
      config.rolloutIssue,
      self,
      who,
      (notes) => readHistory(notes, config.flag, who),
      config.notes.internal,
      () => rereadFlags(ports, first),
      read.history.notes.length + 1,
    );
    const effect: Effect = { run: self.run, keepLease: false, released: false };
    // A run whose note failed after it changed flags leaves its lease: the next run records
    // the change from it (unrecorded.ts). Otherwise our lease and our leftovers go, as soon as
    // the audit note is written.
    const release = async () => {
      if (effect.keepLease || effect.released) return;
      effect.released = true;
      const leftovers = abandonedLeases(
        readLeases(held.notes, config.flag, who),
        readHistory(held.notes, config.flag, who),
        self,
        Date.parse(held.note.createdAt),
      );
      await releaseLease(ports.issues, config.rolloutIssue, held, leftovers, who, logger);
    };
    try {
      const again = decideAgain(phase, options, first, held, who, await held.alongside);
      result.plan = again.plan;
      ticks = await apply(phase, ports, options, again, result, effect, release, who);
    } finally {
      await release();
    }
  }
  await tellTicks(ports, ticks, result);
  return result;
}

interface Effect {
  /** This run's id, in its lease and its audit note. */
  run: string;
  /** Set when flags changed but the note failed: the lease stays as the evidence. */
  keepLease: boolean;
  released: boolean;
}

/**
 * The writes and their record. Once the writes are done, the audit note and the checklist tick
 * go out together (the tick's read went out with the writes); once the audit note is written,
 * the status note and the lease's release go out together. Returns the ticks under way.
 */
async function apply(
  phase: Phase,
  ports: Ports,
  options: RunOptions,
  d: Decision,
  result: PhaseResult,
  effect: Effect,
  release: () => Promise<void>,
  trust: Trust,
): Promise<Ticks> {
  const { config, logger } = ports;
  let history = d.state.history;
  if (d.late.length > 0) {
    history = await recordUnrecorded(ports, history, d.late);
    result.recordedLate = d.late.length;
  }
  // Read while the writes go on; written only once they have all succeeded.
  let fresh: Promise<Issue> | undefined;
  const freshRead = () => {
    fresh ??= ports.issues.getIssue(config.rolloutIssue);
    fresh.catch(() => undefined); // awaited by the tick, if the writes succeed
    return fresh;
  };
  const wanted =
    !d.state.rolloutIssue ||
    wantsTicks(d.state.rolloutIssue.description, d.plan.facts, matchContext(config));
  if (wanted) freshRead();
  const applied = await logger.section("Applying", async () => {
    const flags = await applyFlagActions(config.flag, d.plan.actions, ports.backends, logger);
    // A rollback runs beside any phase: one recorded since the lease undoes these writes.
    await undoIfRolledBack(ports, phase.name, d, flags.outcomes, trust);
    const issue =
      flags.error === undefined
        ? await applyIssueActions(ports, d.plan.issueActions)
        : { done: [] };
    return {
      ...flags,
      issueDone: issue.done,
      error: flags.error ?? ("error" in issue ? issue.error : undefined),
    };
  });
  result.outcomes = applied.outcomes;
  // The --json result lists these (comments, MRs, closed issues) with the note and the ticks.
  result.issueDone = applied.issueDone;
  if (applied.error !== undefined) await fresh?.catch(() => undefined); // nothing left under way
  const ticks: Ticks =
    applied.error === undefined
      ? startTicks(ports, d.plan, d.state.rolloutIssue, freshRead)
      : { rollout: undefined, log: new DeferredLogger(logger) };
  const flagsChanged = applied.outcomes.some((o) => o.applied.length > 0);
  const changed =
    flagsChanged ||
    applied.outcomes.some((o) => o.status === "failed") ||
    applied.issueDone.length > 0;
  // The first run of a phase is recorded even when it found everything done: the history is the
  // baseline later runs (drift, ordering) rely on.
  if (changed || !hasRun(d.state, phase.name)) {
    try {
      result.note = await recordRun(
        ports,
        {
          plan: d.plan,
          outcomes: applied.outcomes,
          issueDone: applied.issueDone,
          history,
          reason: options.reason,
          forced: d.plan.refusals.length > 0,
          failed: applied.error !== undefined,
          run: effect.run,
          soakWindow: options.soakWindow,
        },
        release,
      );
    } catch (error) {
      await ticks.rollout?.catch(() => undefined);
      if (flagsChanged) {
        effect.keepLease = true;
        logger.error(
          "the flags changed but the note recording it could not be written: the lease note stays on the issue, and the next run records the change from it",
        );
      }
      if (applied.error === undefined)
        throw withChanges(error, applied.outcomes, applied.issueDone);
      logger.error(`could not write the audit note either: ${(error as Error).message}`);
    }
  } else {
    logger.info("Nothing changed, so no note was added.");
    await Promise.all([reconcileStatusNote(ports, history), release()]);
  }
  if (applied.error !== undefined)
    throw withChanges(applied.error, applied.outcomes, applied.issueDone);
  return ticks;
}

function leaseInfo(ports: Ports, phase: string): LeaseInfo {
  const { context } = ports;
  return {
    v: 1,
    flag: ports.config.flag,
    phase,
    run: randomUUID(),
    ...(context.user ? { by: context.user } : {}),
    ...(context.job ? { job: context.job } : {}),
    ...(context.pipeline ? { pipeline: context.pipeline } : {}),
    instances: [],
  };
}
