// What a phase run decides on, before and again under the lease: the state as read, the changes
// earlier runs left unrecorded (unrecorded.ts), the plan, and whether anything is to be written.
// Under the lease the notes and the flags are read again and the plan is made anew, so what the
// run writes is decided on a state no other run is changing; a rollback since the start wins.

import type { FlagState } from "../flags/types.js";
import { hasRun } from "../phases/history-gates.js";
import type { LeaseInfo } from "../report/lease-note.js";
import { changedMeanwhile, sameState } from "./apply-flags.js";
import { concurrentRefusal } from "./concurrent-refusal.js";
import { readHistory } from "./history.js";
import { abandonedLeases, type HeldLease, readLeases } from "./lease.js";
import type { Ports } from "./ports.js";
import { blockingRefusals, refusalError } from "./refusal.js";
import { statusNoteCurrent } from "./status-note.js";
import type { Trust } from "./trust.js";
import type { Phase, PhaseOptions, Plan, RolloutState } from "./types.js";
import { findUnrecorded, type Unrecorded, withUnrecorded } from "./unrecorded.js";

/** What a run decides on: the state, the changes earlier runs left unrecorded, the plan. */
export interface Decision {
  state: RolloutState;
  late: Unrecorded[];
  plan: Plan;
}

export function decide(
  phase: Phase,
  options: PhaseOptions,
  read: RolloutState,
  self: LeaseInfo,
  trust: Trust,
): Decision {
  const leases = readLeases(read.history.notes, read.config.flag, trust);
  const abandoned = abandonedLeases(leases, read.history, self, read.now.getTime());
  const late = findUnrecorded(abandoned, read.history, read.flags, read.config.flag);
  const state = { ...read, history: withUnrecorded(read.history, late) };
  return { state, late, plan: phase.plan(state, options) };
}

/**
 * Under the lease: the notes as read when it was won and the flags read again at the same time,
 * so the plan is made on what no other run is changing. A rollback recorded since this run
 * started wins, and so does one not recorded (yet): an instance this run is about to write that
 * is no longer as this run first read it is not written. Rollback takes no lease, so this is
 * the last look before the writes, which follow at once (apply-flags.ts).
 */
export function decideAgain(
  phase: Phase,
  options: PhaseOptions,
  first: Decision,
  held: HeldLease,
  trust: Trust,
  /** The flags as read again once the lease was posted. */
  live: Map<string, FlagState>,
): Decision {
  const { config } = first.state;
  // "After this run started" by note id, not by time: the notes this run first read are before,
  // any other is after, whatever the clocks and the Date header's whole seconds say.
  const seen = new Set(first.state.history.notes.map((n) => n.id));
  const history = readHistory(held.notes, config.flag, trust);
  const rollback = history.entries.find((e) => e.event.phase === "rollback" && !seen.has(e.noteId));
  if (rollback) {
    throw concurrentRefusal(
      phase.name,
      `a rollback was recorded at ${rollback.noteCreatedAt}, after this run started (${first.state.now.toISOString()}); a rollback always wins, so nothing was written. Run status and decide again.`,
    );
  }
  const read: RolloutState = {
    ...first.state,
    history,
    flags: live,
    now: new Date(held.note.createdAt),
  };
  const again = decide(phase, options, read, held.info, trust);
  // An instance changed since the first read and still to be written: a rollback (whose note may
  // not be there yet) or a run outside this tool got there first. Planning on the new state
  // would undo it; the run stops instead, and a re-run decides on what is there then.
  for (const action of again.plan.actions) {
    const before = first.state.flags.get(action.environment.name);
    if (action.changes.length > 0 && before && !sameState(action.before, before)) {
      throw concurrentRefusal(
        `the write to ${action.environment.name}`,
        changedMeanwhile(action.environment.name, action.before, before),
      );
    }
  }
  refuse(phase, again.plan, options);
  return again;
}

/** Every flag the first read covered, read again (under the lease). */
export async function rereadFlags(ports: Ports, first: Decision): Promise<Map<string, FlagState>> {
  const names = [...first.state.flags.keys()];
  const states = await Promise.all(
    names.map((n) => ports.backends.get(n)!.read(ports.config.flag)),
  );
  return new Map(names.map((n, i) => [n, states[i]!]));
}

export function refuse(phase: Phase, plan: Plan, options: PhaseOptions): void {
  if (blockingRefusals(plan.refusals, options.force).length > 0)
    throw refusalError(phase.name, plan.refusals, options.force);
}

/** Anything to write: flags, issue actions, a first record, late records, the status note. */
export function writes(d: Decision, phase: Phase): boolean {
  return (
    d.plan.actions.some((a) => a.changes.length > 0) ||
    d.plan.issueActions.length > 0 ||
    d.late.length > 0 ||
    !hasRun(d.state, phase.name) ||
    !statusNoteCurrent(d.state.config.flag, d.state.history)
  );
}
