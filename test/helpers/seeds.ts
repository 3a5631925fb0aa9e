// Reusable sandbox seeds for tests across the project: three GitLab instances (dev, staging,
// production), each with an administrator token and a non-admin token, the project
// gitlab-org/gitlab, its groups, one flag and (on production, the home instance) rollout
// issue 42 with a short checklist. Builders return fresh objects, so a test may change its copy.
//
// The shared names live in seed-names.ts, the home project's parts in world-project.ts; this file
// re-exports both, so tests import every seed from here.
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

import type { SandboxSeed } from "../../src/sandbox/index.js";
import {
  ADMIN,
  DEVELOPER,
  FLAG,
  GROUP_ID,
  type InstanceName,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  SEED_CLOCK,
  SUBGROUP,
  SUBGROUP_ID,
  TOKENS,
} from "./seed-names.js";
import {
  type CommitName,
  type DeployEnvironment,
  FEATURE_ISSUE_IID,
  featureIssueSeed,
  homeDeploymentsSeed,
  homeMergeRequestsSeed,
  homeMilestonesSeed,
  homeRepositorySeed,
} from "./world-project.js";

export * from "./seed-names.js";
export * from "./world-project.js";

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
