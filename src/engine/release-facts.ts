// What gatherState() reads for the release and cleanup phases (release-gather.ts,
// cleanup-gather.ts), so that their plan() stays pure.

import type { IssueRef } from "../config.js";
import type { IssueSummary } from "../gitlab/issue-lifecycle.js";
import type { Milestone } from "../gitlab/issues.js";
import { code, md } from "../report/safe-markdown.js";
import type {
  CodeMatch,
  CommitMessage,
  DefinitionLookup,
  DeploymentCheck,
  MergeRequestState,
  ReleaseInclusion,
  RepositoryFile,
} from "./release-port.js";

/**
 * How release and cleanup name the merge request they open: the audit note records
 * "opened <this> <url>", which is how the schedule knows a person started the phase.
 */
export const OPENED_MR_NAME = {
  release: "the default-enabled merge request",
  cleanup: "the cleanup merge request",
} as const;

/** Code search hits per term searched (the flag's name, its camelCase form). */
export type CodeSearch = { term: string; matches: CodeMatch[] }[];

/** The release check of a merged MR, or why it was not asked. */
export type ReleaseCheckFacts =
  | { milestone: string; inclusion: ReleaseInclusion }
  | { skipped: string };

export interface DefaultEnabledFacts {
  definition: DefinitionLookup;
  /** Our branch, ff-rollout/<flag>-default-enabled. */
  branch: string;
  /** Its open (else merged) MR, when there is one. */
  mergeRequest?: MergeRequestState;
  /** Asked once the MR is merged. */
  release?: ReleaseCheckFacts;
  /**
   * The milestone the feature ships in: the config's, else the MR's, else the rollout issue's
   * (which the release steps move on, so once the MR exists its own milestone anchors it).
   */
  milestone?: string;
  /** That milestone's id in the definition project, to give the MR when it is opened. */
  milestoneId?: number;
  /** Once the MR is merged: its commits, for the changelog trailer. */
  commits?: CommitMessage[];
  /** Once the MR is in the release: what the template's release steps need. */
  steps?: ReleaseStepsFacts;
}

/** The rollout, feature and cleanup issues and the milestones, for the release steps. */
export interface ReleaseStepsFacts {
  rolloutIssue: IssueSummary;
  /** The rollout issue's milestone now, with its dates. */
  rolloutMilestone: Milestone | undefined;
  /** The release's milestone (any state: it may be closed by now). */
  releaseMilestone: Milestone | undefined;
  /** The active milestones the rollout issue may take. */
  active: Milestone[];
  featureIssue?: IssueSummary;
  /** The "[Feature flag] Cleanup `<flag>`" issue, when it exists. */
  cleanupIssue?: IssueSummary;
  /** The issues related to the rollout issue. */
  linked: IssueRef[];
}

export interface CleanupFacts {
  /** Our branch, ff-rollout/<flag>-cleanup. */
  branch: string;
  definition: DefinitionLookup;
  mergeRequest?: MergeRequestState;
  /** Read before the MR is opened: definition files besides the YAML (the housekeeper's .patch). */
  extraFiles: RepositoryFile[];
  /** Read before the MR is opened: code search hits per term searched. */
  references: CodeSearch;
  /**
   * Read once the MR is merged: what the default branch still says about the flag. Code that
   * still reads it would switch off when the flag is deleted.
   */
  remaining?: CodeSearch;
  /** Once the MR is merged: its commits, for the changelog trailer. */
  commits?: CommitMessage[];
  /** Once the MR is merged: is its commit deployed to production (undefined: not configured). */
  deployments?: DeploymentCheck[];
  release?: ReleaseCheckFacts;
  milestone?: string;
  rolloutIssue: IssueSummary;
  featureIssue?: IssueSummary;
  /** The "[Feature flag] Cleanup `<flag>`" issue when cleanup_issue is on and it exists. */
  cleanupIssue?: IssueSummary;
}

/** The branches this tool owns in the definition project, one per flag and purpose. */
export const defaultEnabledBranch = (flag: string) => `ff-rollout/${flag}-default-enabled`;
export const cleanupBranch = (flag: string) => `ff-rollout/${flag}-cleanup`;

/** GitLab's process names the separate cleanup issue so. */
export const cleanupIssueTitle = (flag: string) => md`[Feature flag] Cleanup ${code(flag)}`;
