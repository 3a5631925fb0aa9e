// The plan/apply contract every phase follows: plan() is pure (state and config in, actions and
// checks out, with reasons); apply() performs the plan through ports. --dry-run prints the plan.

import type { Config, Environment } from "../config.js";
import type { FlagTarget } from "../flags/transitions.js";
import type { FlagChange, FlagState } from "../flags/types.js";
import type { Fact } from "./facts.js";
import type { IssueHistory } from "./history.js";

export const PHASE_NAMES = [
  "non-production",
  "production-actors",
  "prepare",
  "rollout",
  "global",
  "release",
  "cleanup",
  "rollback",
] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

/** A precondition and its verdict, with a reason a person can act on. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The writes one instance needs to reach the phase's target state. */
export interface FlagAction {
  environment: Environment;
  before: FlagState;
  target: FlagTarget;
  /** Empty when the instance is already at the target (verified, nothing to write). */
  changes: FlagChange[];
  notes: string[];
}

export interface Plan {
  phase: PhaseName;
  flag: string;
  /** One line: what the phase does, for the log and the note's title. */
  summary: string;
  checks: Check[];
  /** Why the phase will not run; empty when it may. */
  refusals: string[];
  /** Every instance the phase covers, including those already at target. */
  actions: FlagAction[];
  /** What will be true once the plan is applied: drives the checklist ticks. */
  facts: Fact[];
}

export interface PhaseOptions {
  percentage?: number;
  force: boolean;
  reason?: string;
  everywhere: boolean;
}

/** What a phase's plan() sees. Everything was read before planning; plan() does no I/O. */
export interface RolloutState {
  config: Config;
  flags: Map<string, FlagState>;
  /** The rollout's history from the issue's audit notes. */
  history: IssueHistory;
  /** GitLab's clock when known (soak times are measured on it), else the runner's. */
  now: Date;
}

export interface Phase {
  name: PhaseName;
  title: string;
  /** The environments whose flag state plan() needs. */
  environments(config: Config, options: PhaseOptions): Environment[];
  plan(state: RolloutState, options: PhaseOptions): Plan;
}

/** What happened to one instance when the plan was applied. */
export interface InstanceOutcome {
  environment: string;
  before: FlagState;
  after: FlagState;
  /** "unchanged": already at target; "failed": a write failed (see error); "skipped": not reached. */
  status: "changed" | "unchanged" | "failed" | "skipped";
  applied: FlagChange[];
  error?: string;
}
