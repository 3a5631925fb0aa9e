// The names every seed shares: the sandbox's clock, the project and its groups, the flag, the
// rollout issue, the instances with their tokens, and the two users. Kept apart from the seeds
// (seeds.ts, world-project.ts) so each can import them without importing the other.

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
