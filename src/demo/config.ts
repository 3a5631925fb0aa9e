// The demo's ff-rollout configuration, pointing at sandbox instances.

import { DEMO_FLAG, DEMO_ISSUE_IID, DEMO_PROJECT } from "./seed.js";

export function demoConfig(url: (name: string) => string) {
  return {
    flag: DEMO_FLAG,
    rollout_issue: `${url("production")}/${DEMO_PROJECT}/-/issues/${DEMO_ISSUE_IID}`,
    actor: "project",
    actors: [DEMO_PROJECT],
    percentages: [1, 10, 25, 50, 75],
    soak_minutes: 15,
    environments: {
      dev: { url: url("dev"), token_env: "FF_DEV_TOKEN", tier: "non-production" },
      staging: { url: url("staging"), token_env: "FF_STAGING_TOKEN", tier: "non-production" },
      production: { url: url("production"), token_env: "FF_PROD_TOKEN", tier: "production" },
    },
    issues: { url: url("production"), token_env: "FF_ISSUES_TOKEN" },
  };
}
