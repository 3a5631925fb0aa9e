// Seed shapes for repositories, merge requests, environments and deployments, issue links and
// the rate limit (see seed.ts for the rest). A commit, branch, tag, MR or deployment refers to
// a commit by its sha or by the `key` a seeded commit was given.

import { z } from "zod";

export const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "not a date or time" });

export const projectPath = z.string().regex(/^[^/\s]+(\/[^/\s]+)+$/, {
  message: "expected a full path like group/project",
});

const username = z.string().min(1);
/** A 40-character commit sha, or the key of a seeded commit. */
const commitRef = z.string().min(1);

const CommitSeed = z.strictObject({
  /** The commit's id; computed from its content (a real git commit hash) when absent. */
  sha: z
    .string()
    .regex(/^[0-9a-f]{40}$/, { message: "expected 40 lowercase hex digits" })
    .optional(),
  /** A name other seed entries can use instead of the sha. */
  key: z.string().min(1).optional(),
  /** Earlier commits of the same repository (sha or key); none for a root commit. */
  parents: z.array(commitRef).default([]),
  message: z.string().min(1),
  /** A username of the instance (name and email follow), or any name. */
  author: z.string().min(1).optional(),
  author_email: z.string().min(1).optional(),
  /** Authored and committed date; default: before the sandbox start, in seed order. */
  date: isoDate.optional(),
  /** What the commit changes: path -> content, or null to delete the file. */
  files: z.record(z.string().min(1), z.string().nullable()).default({}),
});

const TagSeed = z.union([
  commitRef,
  z.strictObject({ commit: commitRef, message: z.string().optional() }),
]);

export const RepositorySeed = z.strictObject({
  project: projectPath,
  /** Parents first. */
  commits: z.array(CommitSeed).default([]),
  /** Branch name -> commit (sha or key). */
  branches: z.record(z.string().min(1), commitRef).default({}),
  /** Tag name -> commit, or {commit, message} for an annotated tag. */
  tags: z.record(z.string().min(1), TagSeed).default({}),
});

export const MergeRequestSeed = z.strictObject({
  project: projectPath,
  iid: z.number().int().positive(),
  id: z.number().int().positive().optional(),
  title: z.string().min(1),
  description: z.string().default(""),
  state: z.enum(["opened", "closed", "merged"]).default("opened"),
  source_branch: z.string().min(1),
  /** Default: the project's default branch. */
  target_branch: z.string().min(1).optional(),
  author: username,
  labels: z.array(z.string().min(1)).default([]),
  squash: z.boolean().default(false),
  remove_source_branch: z.boolean().default(false),
  /** Milestone title. */
  milestone: z.string().optional(),
  /** The source head (a merged MR's `sha`). */
  sha: commitRef.optional(),
  merge_commit_sha: commitRef.optional(),
  squash_commit_sha: commitRef.optional(),
  merged_by: username.optional(),
  created_at: isoDate.optional(),
  merged_at: isoDate.optional(),
  closed_at: isoDate.optional(),
});

export const EnvironmentSeed = z.strictObject({
  project: projectPath,
  name: z.string().min(1),
  id: z.number().int().positive().optional(),
  external_url: z.string().nullable().default(null),
  tier: z.enum(["production", "staging", "testing", "development", "other"]).optional(),
});

export const DeploymentSeed = z.strictObject({
  project: projectPath,
  /** Environment name; created when not listed under `environments`. */
  environment: z.string().min(1),
  id: z.number().int().positive().optional(),
  iid: z.number().int().positive().optional(),
  sha: commitRef,
  /** Default: the project's default branch. */
  ref: z.string().min(1).optional(),
  tag: z.boolean().default(false),
  status: z
    .enum(["created", "running", "success", "failed", "canceled", "skipped", "blocked"])
    .default("success"),
  user: username.optional(),
  created_at: isoDate.optional(),
  /** Default: created_at for a finished (success, failed, canceled) deployment, else null. */
  finished_at: isoDate.nullable().optional(),
  /** The CI job that deployed; null for a deployment made through the API. */
  deployable: z
    .strictObject({
      id: z.number().int().positive().optional(),
      name: z.string().min(1).default("deploy"),
      stage: z.string().min(1).default("deploy"),
      pipeline_id: z.number().int().positive().optional(),
    })
    .nullable()
    .default(null),
});

export const IssueLinkSeed = z.strictObject({
  project: projectPath,
  issue_iid: z.number().int().positive(),
  /** Default: the same project. */
  target_project: projectPath.optional(),
  target_issue_iid: z.number().int().positive(),
  link_type: z.enum(["relates_to", "blocks", "is_blocked_by"]).default("relates_to"),
  created_at: isoDate.optional(),
});

/** GitLab's "authenticated API" throttle: per user, fixed windows of period_seconds. */
export const RateLimitSeed = z.strictObject({
  requests_per_period: z.number().int().positive(),
  period_seconds: z.number().int().positive(),
});

export type RepositorySeedData = z.output<typeof RepositorySeed>;
export type MergeRequestSeedData = z.output<typeof MergeRequestSeed>;
export type DeploymentSeedData = z.output<typeof DeploymentSeed>;
