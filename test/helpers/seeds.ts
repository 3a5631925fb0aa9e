// Reusable sandbox seeds for tests across the project: three GitLab instances (dev, staging,
// production), each with an administrator token and a non-admin token, the project
// gitlab-org/gitlab, its groups, one flag and (on production, the home instance) rollout
// issue 42 with a short checklist. Builders return fresh objects, so a test may change its copy.
//
// The rollout world (rolloutWorldSeed, or its parts for the home instance: homeRepositorySeed,
// homeMergeRequestsSeed, homeDeploymentsSeed, homeMilestonesSeed, featureIssueSeed):
//   - gitlab-org/gitlab's repository, default branch `master` (SHAS has every commit id):
//       root -> release (tagged v19.6.0-ee's base) -> typo fix -> merge -> later   on master
//                 \-> stable (19-6-stable-ee, tag v19.6.0-ee)
//                 \-> feature (branch add-sandbox-rollout-flag; adds the flag)  merged by `merge`
//     The flag definition lives at DEFINITION_PATH (YAML with comments) from `feature` on, and
//     ANOTHER_FLAG's at EE_DEFINITION_PATH (ee/config/feature_flags/beta/) from `release` on.
//   - MR !1001 (MR_IID), seeded as merged: merge_commit_sha = SHAS.merge, sha = SHAS.feature.
//   - Deployments (environment -> sha): gstg-cny -> later and gstg -> merge (both include
//     the merge commit), gprd-cny -> typo fix and gprd -> release (neither does), plus an
//     older gprd success and a failed gprd deployment of the merge commit. Change them with
//     `deployedAt`.
//   - Milestones 19.6 (closed), 19.7 (the seeds' usual one) and the group milestone 19.8.
//   - Feature issue #4100 (FEATURE_ISSUE_IID) next to rollout issue #42; `linked: true` also
//     links them (relates_to).

import { createHash } from "node:crypto";
import type { SandboxSeed } from "../../src/sandbox/index.js";

export const SEED_CLOCK = "2026-11-26T10:00:00.000Z";
export const PROJECT = "gitlab-org/gitlab";
export const PROJECT_ID = 278964;
export const GROUP_ID = 9970;
export const SUBGROUP = "gitlab-org/ci";
export const SUBGROUP_ID = 9971;
export const FLAG = "sandbox_rollout_flag";
export const ISSUE_IID = 42;
export const INSTANCES = ["dev", "staging", "production"] as const;
export type InstanceName = (typeof INSTANCES)[number];

/** Made-up secrets, unique per instance, so a log or output containing one is easy to spot. */
export const TOKENS: Record<InstanceName, { admin: string; user: string; readOnly: string }> = {
  dev: {
    admin: "sandbox-dev-admin-0001",
    user: "sandbox-dev-user-0001",
    readOnly: "sandbox-dev-read-0001",
  },
  staging: {
    admin: "sandbox-staging-admin-0002",
    user: "sandbox-staging-user-0002",
    readOnly: "sandbox-staging-read-0002",
  },
  production: {
    admin: "sandbox-production-admin-0003",
    user: "sandbox-production-user-0003",
    readOnly: "sandbox-production-read-0003",
  },
};

export const ADMIN = { id: 1, username: "rollout-admin", name: "Rollout Admin" };
export const DEVELOPER = { id: 2, username: "dana", name: "Dana Developer" };

/** A rollout checklist in our own words, in the shape of GitLab's rollout issue template. */
export function rolloutChecklist(flag = FLAG): string {
  return [
    `## Rolling out \`${flag}\``,
    "",
    "### Rollout on non-production environments",
    "",
    "- [ ] The merge request that adds the flag is merged.",
    `- [ ] \`/chatops run feature set ${flag} true --dev --staging\``,
    "- [ ] Checked the change on staging.",
    "",
    "### Production",
    "",
    `- [ ] \`/chatops run feature set ${flag} 10 --actors\``,
    `- [ ] \`/chatops run feature set ${flag} 50 --actors\``,
    `- [ ] \`/chatops run feature set ${flag} true\``,
    "",
    "### Cleanup",
    "",
    `- [ ] \`/chatops run feature delete ${flag} --dev --staging --production\``,
  ].join("\n");
}

export interface InstanceSeedOptions {
  /** Gates of the flag; omit for a flag that was never set (absent from GET /features). */
  flag?: {
    boolean?: boolean;
    percentage_of_actors?: number;
    percentage_of_time?: number;
    actors?: string[];
  };
  /** Put rollout issue 42 here. */
  withIssue?: boolean;
  description?: string;
}

export function instanceSeed(name: InstanceName, options: InstanceSeedOptions = {}) {
  const tokens = TOKENS[name];
  return {
    users: [
      {
        ...ADMIN,
        admin: true,
        tokens: [
          {
            id: 101,
            name: "ff-rollout",
            token: tokens.admin,
            scopes: ["api"],
            expires_at: "2027-06-30",
          },
        ],
      },
      {
        ...DEVELOPER,
        tokens: [
          {
            id: 102,
            name: "ff-rollout-issues",
            token: tokens.user,
            scopes: ["api"],
            expires_at: "2027-06-30",
          },
          {
            id: 103,
            name: "reader",
            token: tokens.readOnly,
            scopes: ["read_api"],
            expires_at: "2027-06-30",
          },
        ],
      },
    ],
    groups: [
      { id: GROUP_ID, full_path: "gitlab-org", name: "GitLab.org" },
      { id: SUBGROUP_ID, full_path: SUBGROUP, name: "CI" },
    ],
    projects: [
      { id: PROJECT_ID, path_with_namespace: PROJECT, name: "GitLab", default_branch: "master" },
    ],
    features: options.flag ? [{ name: FLAG, gates: { ...options.flag } }] : [],
    definitions: [
      {
        name: FLAG,
        type: "gitlab_com_derisk",
        default_enabled: false,
        group: "group::pipeline execution",
        milestone: "19.7",
        introduced_by_url: `{{instance_url:production}}/${PROJECT}/-/merge_requests/1001`,
        rollout_issue_url: `{{instance_url:production}}/${PROJECT}/-/issues/${ISSUE_IID}`,
        log_state_changes: null,
      },
    ],
    milestones: [{ project: PROJECT, id: 501, iid: 7, title: "19.7" }],
    labels: [
      { project: PROJECT, id: 601, name: "feature flag" },
      { project: PROJECT, id: 602, name: "rollout::in progress" },
    ],
    issues: options.withIssue
      ? [
          {
            project: PROJECT,
            iid: ISSUE_IID,
            id: 9042,
            title: `[Feature flag] Rollout of \`${FLAG}\``,
            description: options.description ?? rolloutChecklist(),
            labels: ["feature flag"],
            author: DEVELOPER.username,
          },
        ]
      : [],
  };
}

/** dev, staging and production; the flag off everywhere; issue 42 on production. */
export function standardSeed(
  options: { flag?: InstanceSeedOptions["flag"]; description?: string } = {},
): SandboxSeed {
  const flag = options.flag ?? { boolean: false };
  return {
    clock: SEED_CLOCK,
    instances: {
      dev: instanceSeed("dev", { flag }),
      staging: instanceSeed("staging", { flag }),
      production: instanceSeed("production", {
        flag,
        withIssue: true,
        ...(options.description === undefined ? {} : { description: options.description }),
      }),
    },
  };
}

/** One instance, for tests that need only one. */
export function singleInstanceSeed(options: InstanceSeedOptions = {}): SandboxSeed {
  return {
    clock: SEED_CLOCK,
    instances: { dev: instanceSeed("dev", { withIssue: true, ...options }) },
  };
}

// ---------------------------------------------------------------------------------------------
// The rollout world: repository, merge request, deployments, milestones, feature issue.

export const FEATURE_ISSUE_IID = 4100;
export const MR_IID = 1001;
export const DEFAULT_BRANCH = "master";
export const FEATURE_BRANCH = "add-sandbox-rollout-flag";
export const STABLE_BRANCH = "19-6-stable-ee";
export const RELEASE_TAG = "v19.6.0-ee";
export const ANOTHER_FLAG = "sandbox_ee_only_flag";
export const DEFINITION_PATH = `config/feature_flags/gitlab_com_derisk/${FLAG}.yml`;
export const EE_DEFINITION_PATH = `ee/config/feature_flags/beta/${ANOTHER_FLAG}.yml`;
export const DEPLOY_ENVIRONMENTS = ["gstg-cny", "gstg", "gprd-cny", "gprd"] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

type InstanceSeedInput = SandboxSeed["instances"][string];
type Entry<K extends keyof InstanceSeedInput> =
  NonNullable<InstanceSeedInput[K]> extends readonly (infer T)[] ? T : never;

const fakeSha = (name: string) =>
  createHash("sha1").update(`ff-rollout sandbox commit ${name}`).digest("hex");

/** Every commit of the home repository, by role. */
export const SHAS = {
  root: fakeSha("root"),
  release: fakeSha("release"),
  stable: fakeSha("stable"),
  feature: fakeSha("feature"),
  typo: fakeSha("typo"),
  merge: fakeSha("merge"),
  later: fakeSha("later"),
} as const;
export type CommitName = keyof typeof SHAS;

/** The flag's YAML definition, in GitLab's format, with comments (they must survive edits). */
export function definitionYaml(flag = FLAG): string {
  return [
    "# Rollout flag for the ff-rollout sandbox: it guards a made-up change to the pipeline",
    "# graph so that there is something to switch on, one phase at a time.",
    "---",
    `name: ${flag}`,
    "description: Draws pipeline graphs with the new layout",
    `feature_issue_url: {{instance_url:production}}/${PROJECT}/-/issues/${FEATURE_ISSUE_IID}`,
    `introduced_by_url: {{instance_url:production}}/${PROJECT}/-/merge_requests/${MR_IID}`,
    `rollout_issue_url: {{instance_url:production}}/${PROJECT}/-/issues/${ISSUE_IID}`,
    "milestone: '19.7'",
    "group: group::pipeline execution",
    "type: gitlab_com_derisk",
    "# A derisk flag is never enabled by default: removing it is the way out.",
    "default_enabled: false",
    "",
  ].join("\n");
}

function eeDefinitionYaml(): string {
  return [
    "# Another flag, defined under ee/ as GitLab's paid features are.",
    "---",
    `name: ${ANOTHER_FLAG}`,
    `feature_issue_url: {{instance_url:production}}/${PROJECT}/-/issues/4000`,
    `introduced_by_url: {{instance_url:production}}/${PROJECT}/-/merge_requests/990`,
    "rollout_issue_url:",
    "milestone: '19.5'",
    "group: group::pipeline authoring",
    "type: beta",
    "default_enabled: true",
    "",
  ].join("\n");
}

/** gitlab-org/gitlab's commit graph, branches and tags (see the top of this file). */
export function homeRepositorySeed(): Entry<"repositories"> {
  const at = (minutes: number) => new Date(Date.parse(SEED_CLOCK) - minutes * 60_000).toISOString();
  return {
    project: PROJECT,
    commits: [
      {
        sha: SHAS.root,
        message: "Initial commit",
        author: ADMIN.username,
        date: at(600),
        files: { "README.md": "# GitLab\n\nThe sandbox's copy.\n", VERSION: "19.5.0\n" },
      },
      {
        sha: SHAS.release,
        parents: [SHAS.root],
        message: "Prepare 19.6\n\nBump VERSION and add the EE flag.",
        author: ADMIN.username,
        date: at(500),
        files: { VERSION: "19.6.0\n", [EE_DEFINITION_PATH]: eeDefinitionYaml() },
      },
      {
        sha: SHAS.stable,
        parents: [SHAS.release],
        message: "Update CHANGELOG for 19.6.0",
        author: ADMIN.username,
        date: at(450),
        files: { "CHANGELOG.md": "## 19.6.0\n\n- Release.\n" },
      },
      {
        sha: SHAS.feature,
        parents: [SHAS.release],
        message: `Add the ${FLAG} feature flag`,
        author: DEVELOPER.username,
        date: at(400),
        files: {
          [DEFINITION_PATH]: definitionYaml(),
          "app/models/pipeline_graph.rb": `# Draws the pipeline graph.\nFeature.enabled?(:${FLAG})\n`,
        },
      },
      {
        sha: SHAS.typo,
        parents: [SHAS.release],
        message: "Fix a typo in the README",
        author: ADMIN.username,
        date: at(300),
        files: { "README.md": "# GitLab\n\nThe sandbox's own copy.\n" },
      },
      {
        sha: SHAS.merge,
        parents: [SHAS.typo, SHAS.feature],
        message: `Merge branch '${FEATURE_BRANCH}' into '${DEFAULT_BRANCH}'\n\nAdd the ${FLAG} feature flag\n\nSee merge request ${PROJECT}!${MR_IID}`,
        author: ADMIN.username,
        date: at(200),
      },
      {
        sha: SHAS.later,
        parents: [SHAS.merge],
        message: "Document the pipeline graph",
        author: DEVELOPER.username,
        date: at(100),
        files: { "doc/pipeline_graph.md": `# Pipeline graph\n\nBehind \`${FLAG}\`.\n` },
      },
    ],
    branches: {
      [DEFAULT_BRANCH]: SHAS.later,
      [FEATURE_BRANCH]: SHAS.feature,
      [STABLE_BRANCH]: SHAS.stable,
    },
    tags: { [RELEASE_TAG]: { commit: SHAS.stable, message: "Version 19.6.0-ee" } },
  };
}

/** MR !1001 that added the flag, merged, with its merge commit. */
export function homeMergeRequestsSeed(): Entry<"merge_requests">[] {
  return [
    {
      project: PROJECT,
      iid: MR_IID,
      id: 71001,
      title: `Add the ${FLAG} feature flag`,
      description: `Adds \`${FLAG}\` behind a derisk flag.\n\nRollout: #${ISSUE_IID}`,
      state: "merged" as const,
      source_branch: FEATURE_BRANCH,
      target_branch: DEFAULT_BRANCH,
      author: DEVELOPER.username,
      merged_by: ADMIN.username,
      labels: ["feature flag"],
      sha: SHAS.feature,
      merge_commit_sha: SHAS.merge,
      created_at: new Date(Date.parse(SEED_CLOCK) - 400 * 60_000).toISOString(),
      merged_at: new Date(Date.parse(SEED_CLOCK) - 200 * 60_000).toISOString(),
    },
  ];
}

/** Which commit each environment runs (default: canary and staging have the merge). */
export const DEFAULT_DEPLOYED_AT: Record<DeployEnvironment, CommitName> = {
  "gstg-cny": "later",
  gstg: "merge",
  "gprd-cny": "typo",
  gprd: "release",
};

export function homeDeploymentsSeed(
  deployedAt: Partial<Record<DeployEnvironment, CommitName>> = {},
): Entry<"deployments">[] {
  const where = { ...DEFAULT_DEPLOYED_AT, ...deployedAt };
  const at = (minutes: number) => new Date(Date.parse(SEED_CLOCK) - minutes * 60_000).toISOString();
  const deployment = (environment: DeployEnvironment, commit: CommitName, minutes: number) => ({
    project: PROJECT,
    environment,
    sha: SHAS[commit],
    ref: DEFAULT_BRANCH,
    user: ADMIN.username,
    created_at: at(minutes),
    deployable: { name: `deploy:${environment}` },
  });
  return [
    deployment("gprd", "root", 90),
    { ...deployment("gprd", "merge", 80), status: "failed" as const },
    deployment("gstg-cny", where["gstg-cny"], 60),
    deployment("gstg", where.gstg, 50),
    deployment("gprd-cny", where["gprd-cny"], 40),
    deployment("gprd", where.gprd, 30),
  ];
}

/** 19.6 (closed), and the group milestone 19.8; 19.7 comes with instanceSeed. */
export function homeMilestonesSeed(): Entry<"milestones">[] {
  return [
    {
      project: PROJECT,
      id: 500,
      iid: 6,
      title: "19.6",
      state: "closed" as const,
      due_date: "2026-11-12",
    },
    { group: "gitlab-org", id: 503, iid: 8, title: "19.8", due_date: "2027-01-14" },
  ];
}

/** Feature issue #4100, the one the flag's definition points to. */
export function featureIssueSeed(): Entry<"issues"> {
  return {
    project: PROJECT,
    iid: FEATURE_ISSUE_IID,
    id: 94100,
    title: "Faster pipeline graph rendering",
    description: `Draw pipeline graphs with the new layout.\n\nRollout issue: #${ISSUE_IID}`,
    labels: ["feature flag", "type::feature"],
    milestone: "19.7",
    author: DEVELOPER.username,
    assignees: [DEVELOPER.username],
  };
}

export interface RolloutWorldOptions extends InstanceSeedOptions {
  deployedAt?: Partial<Record<DeployEnvironment, CommitName>>;
  /** Link rollout issue #42 to feature issue #4100 (relates_to). */
  linked?: boolean;
  /** GitLab's authenticated API rate limit on the home instance. */
  rateLimit?: { requests_per_period: number; period_seconds: number };
}

/** The home instance (production) with the whole rollout world; dev and staging as usual. */
export function rolloutWorldSeed(options: RolloutWorldOptions = {}): SandboxSeed {
  const flag = options.flag ?? { boolean: false };
  const home = instanceSeed("production", { ...options, flag, withIssue: true });
  return {
    clock: SEED_CLOCK,
    instances: {
      dev: instanceSeed("dev", { flag }),
      staging: instanceSeed("staging", { flag }),
      production: {
        ...home,
        milestones: [...home.milestones, ...homeMilestonesSeed()],
        issues: [...home.issues, featureIssueSeed()],
        repositories: [homeRepositorySeed()],
        merge_requests: homeMergeRequestsSeed(),
        deployments: homeDeploymentsSeed(options.deployedAt),
        issue_links: options.linked
          ? [{ project: PROJECT, issue_iid: ISSUE_IID, target_issue_iid: FEATURE_ISSUE_IID }]
          : [],
        ...(options.rateLimit ? { rate_limit: options.rateLimit } : {}),
      },
    },
  };
}
