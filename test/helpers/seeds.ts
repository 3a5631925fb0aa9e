// Reusable sandbox seeds for tests across the project: three GitLab instances (dev, staging,
// production), each with an administrator token and a non-admin token, the project
// gitlab-org/gitlab, its groups, one flag and (on production, the home instance) rollout
// issue 42 with a short checklist. Builders return fresh objects, so a test may change its copy.

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
    "### Before production",
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
        introduced_by_url: `https://gitlab.example.com/${PROJECT}/-/merge_requests/1001`,
        rollout_issue_url: `https://gitlab.example.com/${PROJECT}/-/issues/${ISSUE_IID}`,
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
