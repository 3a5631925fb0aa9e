// The plan/apply contract every phase follows: plan() is pure (state and config in, actions and
// checks out, with reasons); apply() performs the plan through ports. --dry-run prints the plan.

import type { Config, Environment, IssueRef } from "../config.js";
import type { Refusal } from "../errors.js";
import type { FlagTarget } from "../flags/transitions.js";
import type { FlagChange, FlagState } from "../flags/types.js";
import type { NewIssue } from "../gitlab/issue-lifecycle.js";
import type { Issue, Note } from "../gitlab/issues.js";
import type { HealthReport } from "../health/evaluate.js";
import type { IncidentReport } from "../health/incidents.js";
import type { SafeMarkdown } from "../report/safe-markdown.js";
import type { SoakWindow } from "../report/soak-window.js";
import type { Fact } from "./facts.js";
import type { IssueHistory } from "./history.js";
import type { PhaseName } from "./phase-names.js";
import type { CleanupFacts, DefaultEnabledFacts } from "./release-facts.js";
import type {
  DefinitionLookup,
  DeploymentCheck,
  MergeRequestChange,
  MergeRequestState,
} from "./release-port.js";

export { PHASE_NAMES, type PhaseName } from "./phase-names.js";

/** A precondition and its verdict, with a reason a person can act on. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /**
   * Neither passed nor failed: something that comes on its own schedule (a release) has not
   * happened yet. It holds nothing up, and nothing it stands for is ticked.
   */
  waiting?: boolean;
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

/**
 * A write a phase makes besides flags: to issues, and the merge requests of release and cleanup.
 * Each is idempotent by construction (planned only when gatherState() found it not done).
 */
export type IssueAction =
  | { kind: "set-milestone"; milestone: { id: number; title: string } }
  | { kind: "link-issue"; target: IssueRef }
  /** A comment made once: `marker` (an HTML comment) identifies it among the issue's notes. */
  | { kind: "comment"; on: IssueRef; body: SafeMarkdown; marker: string }
  /** One commit on a new branch and a merge request for it; `what` names it for people. */
  | { kind: "open-merge-request"; change: MergeRequestChange; what: string }
  /** Close an issue; `what` names it ("the feature issue"). */
  | { kind: "close-issue"; target: IssueRef; what: string }
  /** Create an issue and relate it to `relateTo` (the cleanup issue, to the rollout issue). */
  | { kind: "create-issue"; project: string; issue: NewIssue; relateTo: IssueRef };

export interface Plan {
  phase: PhaseName;
  flag: string;
  /** One line: what the phase does, for the log and the note's title. */
  summary: string;
  checks: Check[];
  /** Why the phase will not run, each "not-now" (--force overrides) or "never"; empty when it may. */
  refusals: Refusal[];
  /** Every instance the phase covers, including those already at target. */
  actions: FlagAction[];
  /** Issue writes (milestone, links, comments), applied after the flags. */
  issueActions: IssueAction[];
  /** What will be true once the plan is applied: drives the checklist ticks. */
  facts: Fact[];
  /** The health checks and incidents a production step was judged on (audit and status notes). */
  gates?: ProductionGates;
  /**
   * Other issues whose checklists the same facts tick, after the rollout issue's: the separate
   * cleanup issue, when the cleanup is tracked in one.
   */
  checklists?: IssueRef[];
}

/** What the production gates read: health checks and open incidents, when configured. */
export interface ProductionGates {
  health?: HealthReport;
  incidents?: IncidentReport;
}

export interface PhaseOptions {
  percentage?: number;
  force: boolean;
  reason?: string;
  everywhere: boolean;
  /** rollback --environment: these instances only (by name). */
  environments?: string[];
  /**
   * Set by `advance`: the soak window of the step before, judged green before this step. The
   * audit note records it; global counts it as the last step's proof of watching.
   */
  soakWindow?: SoakWindow;
}

/** What a phase asks gatherState() to read before it plans. */
export interface PhaseNeeds {
  /** The environments whose flag state plan() needs. */
  environments: Environment[];
  /** The definition, its MR, and (when deployments are configured) where its commit is deployed. */
  release?: { tier: "non-production" | "production" };
  /** The rollout issue itself: its description (checklist) and milestone. */
  rolloutIssue?: boolean;
  /** The feature issue's notes, to comment on it once. */
  featureIssue?: boolean;
  /** The configured actors as the Features API names them on production ("Project:12"). */
  actorIds?: boolean;
  /** The configured milestone (by title) and the rollout issue's links, for prepare. */
  preparation?: boolean;
  /** The definition to edit and the default-enabled MR, for release. */
  defaultEnabled?: boolean;
  /** The cleanup MR, its deployment, the code references and the issues to close, for cleanup. */
  cleanup?: boolean;
  /** The health checks and the incident check (production steps), when configured. */
  productionGates?: boolean;
}

export interface ReleaseFacts {
  tier: "non-production" | "production";
  definition: DefinitionLookup;
  mergeRequest?: MergeRequestState;
  /** Undefined when no deployments are configured. */
  deployments?: DeploymentCheck[];
}

/** What a phase's plan() sees. Everything was read before planning; plan() does no I/O. */
export interface RolloutState {
  config: Config;
  flags: Map<string, FlagState>;
  /** The rollout's history from the issue's audit notes. */
  history: IssueHistory;
  /** GitLab's clock when known (soak times are measured on it), else the runner's. */
  now: Date;
  release?: ReleaseFacts;
  rolloutIssue?: Issue;
  /** The feature issue and its notes, or why it is not known. */
  featureIssue?: { ref: IssueRef; notes: Note[] } | { missing: string };
  actorIds?: { ids: string[] } | { error: string };
  preparation?: {
    milestone: { id: number; title: string } | undefined;
    linkedIssues: IssueRef[];
  };
  defaultEnabled?: DefaultEnabledFacts;
  cleanup?: CleanupFacts;
  /** Read when the phase needs productionGates and they are configured. */
  gates?: ProductionGates;
}

export interface Phase {
  name: PhaseName;
  title: string;
  needs(config: Config, options: PhaseOptions): PhaseNeeds;
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
