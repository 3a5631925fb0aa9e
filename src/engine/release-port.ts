// What the phases ask of the project that holds the code: the flag's YAML definition, the merge
// request that introduced it, and where its commit is deployed (what ChatOps' `auto_deploy
// status` answers). The GitLab adapter is src/gitlab/release-checks.ts; tests may use others.

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
}

export interface DeploymentCheck {
  environment: string;
  /** deployed: the commit is in what is deployed; not-yet: an older commit is; none: no deployment. */
  status: "deployed" | "not-yet" | "none";
  deployedSha?: string;
  deployedAt?: string;
}

export interface ReleasePort {
  findDefinition(project: string, flag: string): Promise<DefinitionLookup>;
  mergeRequest(url: string): Promise<MergeRequestState>;
  /** One check per environment, in the order given. */
  deployments(project: string, commit: string, environments: string[]): Promise<DeploymentCheck[]>;
}
