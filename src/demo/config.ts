// The demo's ff-rollout configuration, pointing at sandbox instances.

import { DEMO_FLAG, DEMO_ISSUE_IID, DEMO_PROJECT } from "./seed.js";

export const DEMO_SOAK_MINUTES = 15;

export function demoConfig(url: (name: string) => string) {
  return {
    flag: DEMO_FLAG,
    rollout_issue: `${url("production")}/${DEMO_PROJECT}/-/issues/${DEMO_ISSUE_IID}`,
    actor: "project",
    actors: [DEMO_PROJECT],
    percentages: [10, 50],
    soak_minutes: DEMO_SOAK_MINUTES,
    milestone: "19.7",
    deployments: {
      project: DEMO_PROJECT,
      "non-production": ["gstg-cny", "gstg"],
      production: ["gprd-cny", "gprd"],
    },
    environments: {
      dev: { url: url("dev"), token_env: "FF_DEV_TOKEN", tier: "non-production" },
      staging: { url: url("staging"), token_env: "FF_STAGING_TOKEN", tier: "non-production" },
      production: { url: url("production"), token_env: "FF_PROD_TOKEN", tier: "production" },
    },
    issues: { url: url("production"), token_env: "FF_ISSUES_TOKEN" },
  };
}
