// What the phases ask of the project that holds the code: the flag's YAML definition, the merge
// request that introduced it, and where its commit is deployed (what ChatOps' `auto_deploy
// status` answers), and the writes the release and cleanup phases make there (a commit and a
// merge request), the code search and the release check. The GitLab adapter is
// src/gitlab/release-checks.ts; tests may use others.

import type { SafeCommitMessage, SafeMarkdown } from "../report/safe-markdown.js";
import type { ReleaseRefs } from "./release-refs.js";

/** A flag definition (config/feature_flags/<type>/<name>.yml), the fields the phases use. */
export interface FlagDefinition {
  /** Path in the repository, e.g. config/feature_flags/gitlab_com_derisk/my_flag.yml. */
  path: string;
  name: string;
  type: string;
  defaultEnabled: boolean;
  introducedByUrl: string;
  featureIssueUrl: string | null;
  rolloutIssueUrl: string | null;
  milestone: string;
  group: string;
  /** The file as read from the default branch, byte for byte, for edits that keep every byte. */
  content: string;
  /** The commit that last changed the file (the commits API's last_commit_id check). */
  lastCommitId: string;
  /** The ref it was read at: the default branch, or a commit. */
  ref: string;
}

export type DefinitionLookup =
  | { found: true; definition: FlagDefinition }
  | { found: false; searched: string[] }
  /** Found but unusable: the fields GitLab requires are missing or wrong. */
  | { found: false; path: string; problems: string[] };

export interface MergeRequestState {
  url: string;
  project: string;
  iid: number;
  title: string;
  state: string;
  targetBranch: string;
  /** The default branch of the MR's project, which it must be merged into. */
  defaultBranch: string;
  mergedAt: string | null;
  /** merge_commit_sha, else squash_commit_sha, else (fast-forward) the MR's head sha. */
  commit: string | null;
  /** The title of the MR's milestone: the release it ships in. */
  milestone?: string | null;
}

/** A commit of a merge request, as far as the changelog check reads it. */
export interface CommitMessage {
  sha: string;
  message: string;
}

export interface DeploymentCheck {
  environment: string;
  /** deployed: the commit is in what is deployed; not-yet: an older commit is; none: no deployment. */
  status: "deployed" | "not-yet" | "none";
  deployedSha?: string;
  deployedAt?: string;
}

/** A file in a repository at a ref, with the commit that last changed it. */
export interface RepositoryFile {
  path: string;
  content: string;
  lastCommitId: string;
}

/** One change to a file in a commit (POST /projects/:id/repository/commits actions[]). */
export type FileAction =
  | { action: "update"; path: string; content: string; lastCommitId: string }
  | { action: "delete"; path: string; lastCommitId?: string };

/**
 * One commit on a new branch from the target branch, and a merge request for it. The texts are
 * built by safe-markdown.ts: GitLab runs quick actions in an MR description when it is opened.
 */
export interface MergeRequestChange {
  project: string;
  sourceBranch: string;
  targetBranch: string;
  title: SafeMarkdown;
  description: SafeMarkdown;
  commitMessage: SafeCommitMessage;
  actions: FileAction[];
  labels: string[];
  /** The milestone the change ships in, when known (GitLab's MRs carry their release's). */
  milestoneId?: number;
}

/** A code search hit (GET /projects/:id/search?scope=blobs): a chunk of lines of one file. */
export interface CodeMatch {
  path: string;
  /** The line number of the chunk's first line. */
  startline: number;
  data: string;
}

/** Whether a commit is in the release of a milestone (what `/chatops run release check` says). */
export type ReleaseInclusion =
  | { included: true; ref: { type: "tag" | "branch"; name: string } }
  | { included: false; searched: string[] };

export interface ReleasePort {
  /** On the default branch, or at a commit (`at`). */
  findDefinition(project: string, flag: string, at?: string): Promise<DefinitionLookup>;
  /** The first parent of a commit: the target branch before a merge. */
  firstParent(project: string, sha: string): Promise<string | undefined>;
  mergeRequest(url: string): Promise<MergeRequestState>;
  /** One check per environment, in the order given. */
  deployments(project: string, commit: string, environments: string[]): Promise<DeploymentCheck[]>;
  /**
   * Starts reading each environment's latest deployment (it does not depend on the commit), so
   * that deployments() need not wait for it: the release chain sends it with its first reads.
   */
  prefetchDeployments(project: string, environments: string[]): void;
  /** The newest open, else the newest merged, MR from a source branch; closed ones do not count. */
  mergeRequestFromBranch(
    project: string,
    sourceBranch: string,
  ): Promise<MergeRequestState | undefined>;
  /** Commits the actions on a new source branch and opens the MR (or returns the open one). */
  openMergeRequest(change: MergeRequestChange): Promise<MergeRequestState>;
  /** A file on the project's default branch, or undefined when there is none. */
  readFile(project: string, path: string): Promise<RepositoryFile | undefined>;
  /** The commits of a merge request, newest first, every page. */
  mergeRequestCommits(project: string, iid: number): Promise<CommitMessage[]>;
  /** Code search on the project's default branch, every page. */
  searchCode(project: string, text: string): Promise<CodeMatch[]>;
  /** Is the commit contained in a tag or stable branch of the milestone's release? */
  releaseInclusion(
    project: string,
    commit: string,
    release: ReleaseRefs,
  ): Promise<ReleaseInclusion>;
}
