// The configuration edge. This module is the only reader of process.env: the CLI calls
// processEnv() once and hands the snapshot down, so tests run the whole program with an
// environment of their choosing and nothing deeper can pick up a stray variable (or a token).
// The loader itself (zod, yaml) lives in config/load.ts and is imported only by the commands
// that need it, so that `--version` starts without it.

import type { RunContext } from "./config/types.js";

export type { IssueRef } from "./config/issue-ref.js";
export type { Loaded, LoadOptions } from "./config/load.js";
export type { Config, Environment, RunContext } from "./config/types.js";

export type Env = Record<string, string | undefined>;

export function processEnv(): Env {
  return { ...process.env };
}

/** Who and what runs this phase, from GitLab CI's predefined variables. */
export function runContextFrom(env: Env): RunContext {
  const ci = env.GITLAB_CI === "true" || env.CI === "true";
  const context: RunContext = { ci };
  if (env.CI_JOB_ID) {
    context.job = { id: env.CI_JOB_ID, name: env.CI_JOB_NAME, url: env.CI_JOB_URL };
  }
  if (env.CI_PIPELINE_ID) {
    context.pipeline = { id: env.CI_PIPELINE_ID, url: env.CI_PIPELINE_URL };
  }
  const user = env.GITLAB_USER_LOGIN ?? (ci ? undefined : (env.USER ?? env.LOGNAME));
  if (user) context.user = user;
  return context;
}

/** Debug logging: FF_ROLLOUT_DEBUG=1, or CI_DEBUG_TRACE as GitLab's own debug switch. */
export function debugEnabled(env: Env): boolean {
  return (
    env.FF_ROLLOUT_DEBUG === "1" || env.FF_ROLLOUT_DEBUG === "true" || env.CI_DEBUG_TRACE === "true"
  );
}
