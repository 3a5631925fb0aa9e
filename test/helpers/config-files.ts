// Writes config files into a fresh temporary directory for tests of the loader and the CLI.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

export function tempDir(prefix = "ff-rollout-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `config` (an object, dumped as YAML, or raw text) as .gitlab/ff-rollout.yml in a new dir. */
export function writeConfig(
  config: object | string,
  dir = tempDir(),
): { dir: string; path: string } {
  const path = join(dir, "ff-rollout.yml");
  writeFileSync(path, typeof config === "string" ? config : stringify(config));
  return { dir, path };
}

/** A valid configuration over three instances; tests override what they exercise. */
export function baseConfig(
  urls: { dev: string; staging: string; production: string } = {
    dev: "https://dev.example.com",
    staging: "https://staging.example.com",
    production: "https://gitlab.example.com",
  },
): Record<string, unknown> {
  return {
    flag: "my_flag",
    rollout_issue: `${urls.production}/gitlab-org/gitlab/-/issues/42`,
    actor: "project",
    actors: ["gitlab-org/gitlab"],
    percentages: [1, 10, 25, 50, 75],
    soak_minutes: 15,
    environments: {
      dev: { url: urls.dev, token_env: "FF_DEV_TOKEN", tier: "non-production" },
      staging: { url: urls.staging, token_env: "FF_STAGING_TOKEN", tier: "non-production" },
      production: { url: urls.production, token_env: "FF_PROD_TOKEN", tier: "production" },
    },
    issues: { url: urls.production, token_env: "FF_ISSUES_TOKEN" },
  };
}

export const BASE_ENV = {
  FF_DEV_TOKEN: "glpat-dev-0123456789abcdef",
  FF_STAGING_TOKEN: "glpat-staging-0123456789abcdef",
  FF_PROD_TOKEN: "glpat-prod-0123456789abcdef",
  FF_ISSUES_TOKEN: "glpat-issues-0123456789abcdef",
};
