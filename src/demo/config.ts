// The demo's ff-rollout configuration, pointing at sandbox instances, the demo's metrics
// stand-in (metrics.ts) and its notification receiver (receiver.ts).

import { DEMO_FLAG, DEMO_ISSUE_IID, DEMO_PROJECT, INCIDENT_PROJECT } from "./names.js";

export const DEMO_SOAK_MINUTES = 15;

/** Where the demo's health checks and notifications go; absent, the config has neither. */
export interface DemoServices {
  metricsUrl: string;
  /**
   * The schedule's `advance` may take every production step (auto_advance: global) and finish
   * the release and cleanup a person started (finish_by_schedule).
   */
  autoAdvance?: boolean;
}

export function demoConfig(url: (name: string) => string, services?: DemoServices) {
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
    ...(services
      ? {
          // checks: left out, so the documented defaults (Workhorse's 5xx and 302 ratios) run.
          health: { prometheus: { url: services.metricsUrl }, interval_seconds: 60 },
          incidents: { project: INCIDENT_PROJECT },
          notify: [
            {
              slack_webhook_env: "FF_SLACK_PRODUCTION",
              events: ["changed", "refused", "breached", "rolled-back"],
              phases: ["production-actors", "rollout", "global", "rollback", "watch"],
            },
            // Support hears of the rollout once, when it is prepared; the team hears everything.
            { slack_webhook_env: "FF_SLACK_SUPPORT", events: ["announced"] },
            { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["changed", "rolled-back", "announced"] },
          ],
          ...(services.autoAdvance ? { auto_advance: "global", finish_by_schedule: true } : {}),
        }
      : {}),
  };
}
