// The demo's world: three GitLab instances (dev, staging, production), each with an administrator
// and a token, the project the flag lives in, and the rollout issue on production (the home
// instance). The tokens are the sandbox's own, made up here; they open nothing anywhere else.

import type { SandboxSeedInput } from "../sandbox/index.js";
import {
  DEMO_FLAG,
  type DEMO_INSTANCES,
  DEMO_ISSUE_IID,
  DEMO_PROJECT,
  INCIDENT_PROJECT,
} from "./names.js";
import { DEMO_ROLLOUT_ISSUE } from "./rollout-issue.js";
import { demoFeatureIssue, demoRepository } from "./world.js";

export { DEMO_FLAG, DEMO_INSTANCES, DEMO_ISSUE_IID, DEMO_PROJECT } from "./names.js";

/** Token per instance; the demo hands them to the CLI through variables, as CI would. */
export function demoTokens(): Record<(typeof DEMO_INSTANCES)[number], string> {
  return {
    dev: "sandbox-dev-admin-token-0001",
    staging: "sandbox-staging-admin-token-0002",
    production: "sandbox-production-admin-token-0003",
  };
}

/**
 * `rolloutIssue`: the rollout issue's text, by default the demo's own (rollout-issue.ts); the
 * human-actions benchmark passes the project's issue template instead.
 */
export function demoSeed(rolloutIssue: string = DEMO_ROLLOUT_ISSUE): SandboxSeedInput {
  const tokens = demoTokens();
  const instance = (name: (typeof DEMO_INSTANCES)[number], withIssue: boolean) => ({
    users: [
      {
        id: 1,
        username: "rollout-bot",
        name: "Rollout Bot",
        admin: true,
        tokens: [
          { name: "ff-rollout", token: tokens[name], scopes: ["api"], expires_at: "2027-11-26" },
        ],
      },
      { id: 2, username: "jane", name: "Jane Developer" },
    ],
    groups: [{ id: 9970, full_path: "gitlab-org" }],
    projects: [{ id: 278964, path_with_namespace: DEMO_PROJECT, default_branch: "master" }],
    issues: withIssue
      ? [
          {
            project: DEMO_PROJECT,
            iid: DEMO_ISSUE_IID,
            title: `[Feature flag] Rollout of \`${DEMO_FLAG}\``,
            description: rolloutIssue,
            labels: ["feature flag"],
            author: "jane",
          },
        ]
      : [],
  });
  const home = instance("production", true);
  // The project where incidents are issues: the incident check lists its open ones.
  const incidents = { id: 7764, path_with_namespace: INCIDENT_PROJECT, default_branch: "main" };
  return {
    instances: {
      dev: instance("dev", false),
      staging: instance("staging", false),
      production: {
        ...home,
        projects: [...home.projects, incidents],
        issues: [...home.issues, demoFeatureIssue()],
        ...demoRepository(),
      },
    },
  };
}
