// Records for merge requests, environments and deployments, issue links and the rate limit
// (camelCase, as in records.ts; entities-*.ts render them).

export interface MergeRequestRecord {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string;
  state: "opened" | "closed" | "merged" | "locked";
  sourceBranch: string;
  targetBranch: string;
  authorId: number;
  assigneeIds: number[];
  labels: string[];
  milestoneId: number | null;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  mergedById: number | null;
  closedAt: string | null;
  closedById: number | null;
  /** The source branch head when merged (open MRs follow the branch; see mrHeadSha). */
  sha: string | null;
  mergeCommitSha: string | null;
  squashCommitSha: string | null;
  squash: boolean;
  /** remove_source_branch as asked when the MR was created or updated. */
  forceRemoveSourceBranch: boolean;
}

export interface EnvironmentRecord {
  id: number;
  projectId: number;
  name: string;
  slug: string;
  externalUrl: string | null;
  tier: string;
  createdAt: string;
  updatedAt: string;
}

export type DeploymentStatus =
  | "created"
  | "running"
  | "success"
  | "failed"
  | "canceled"
  | "skipped"
  | "blocked";

/** The CI job behind a deployment, reduced to what a client reads. */
export interface DeployableRecord {
  id: number;
  name: string;
  stage: string;
  status: string;
  pipelineId: number;
}

export interface DeploymentRecord {
  id: number;
  iid: number;
  projectId: number;
  environmentId: number;
  ref: string;
  sha: string;
  tag: boolean;
  status: DeploymentStatus;
  userId: number | null;
  deployable: DeployableRecord | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** IssueLink: `is_blocked_by` is stored as `blocks` with source and target swapped. */
export interface IssueLinkRecord {
  id: number;
  sourceIssueId: number;
  targetIssueId: number;
  linkType: "relates_to" | "blocks";
  createdAt: string;
  updatedAt: string;
}

/** GitLab's authenticated API throttle: requests per user per fixed window. */
export interface RateLimitConfig {
  requestsPerPeriod: number;
  periodSeconds: number;
}
