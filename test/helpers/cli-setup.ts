// A config on disk pointing at a running sandbox, and the environment holding its tokens: what a
// CI job would have, for CLI tests.

import { join } from "node:path";
import { BASE_ENV, baseConfig, tempDir, writeConfig } from "./config-files.js";
import { FLAG, ISSUE_IID, PROJECT, TOKENS } from "./seeds.js";

export function sandboxCliSetup(
  instanceUrl: (name: string) => string,
  overrides: Record<string, unknown> = {},
) {
  const urls = {
    dev: instanceUrl("dev"),
    staging: instanceUrl("staging"),
    production: instanceUrl("production"),
  };
  const config = {
    ...baseConfig(urls),
    flag: FLAG,
    rollout_issue: `${PROJECT}#${ISSUE_IID}`,
    deployments: {
      project: PROJECT,
      "non-production": ["gstg-cny", "gstg"],
      production: ["gprd-cny", "gprd"],
    },
    ...overrides,
  };
  const dir = tempDir();
  const { path } = writeConfig(config, dir);
  const env: Record<string, string> = {
    ...BASE_ENV,
    FF_DEV_TOKEN: TOKENS.dev.admin,
    FF_STAGING_TOKEN: TOKENS.staging.admin,
    FF_PROD_TOKEN: TOKENS.production.admin,
    FF_ISSUES_TOKEN: TOKENS.production.user,
  };
  const args = (...rest: string[]) => [...rest, "--config", path];
  return { dir, cwd: dir, path, env, args, report: join(dir, "ff-rollout-report.json") };
}

/** GitLab CI's predefined variables for a job, so notes carry job, pipeline and user. */
export function ciEnv(
  jobId: string,
  jobName = "ff-rollout:non-production",
  pipelineId = "900",
): Record<string, string> {
  return {
    GITLAB_CI: "true",
    CI: "true",
    CI_JOB_ID: jobId,
    CI_JOB_NAME: jobName,
    CI_JOB_URL: `https://gitlab.example.com/${PROJECT}/-/jobs/${jobId}`,
    CI_PIPELINE_ID: pipelineId,
    CI_PIPELINE_URL: `https://gitlab.example.com/${PROJECT}/-/pipelines/${pipelineId}`,
    GITLAB_USER_LOGIN: "dana",
  };
}
