// What every GitLab-facing command does first: load the config (file, FF_ROLLOUT_* variables,
// CLI flags), make the logger, and wire the clients. Tokens go to the redactor before any
// request is made.

import { loadConfig } from "../config/load.js";
import { debugEnabled, runContextFrom } from "../config.js";
import type { RetryPolicy } from "../gitlab/retry.js";
import type { CommandContext } from "../main.js";
import { Logger } from "../report/logger.js";
import { type Wired, wire } from "../wiring.js";

export interface SetupOverrides {
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

export function makeLogger(cmd: CommandContext): Logger {
  const { env } = cmd.io;
  return new Logger(cmd.io.sink, cmd.redactor, {
    debug: debugEnabled(env),
    ci: env.GITLAB_CI === "true",
    json: cmd.args.values.json === true,
  });
}

export function setup(cmd: CommandContext, overrides: SetupOverrides = {}): Wired {
  const { values } = cmd.args;
  const cli: Record<string, unknown> = {};
  if (values.flag !== undefined) cli.flag = values.flag;
  if (values["rollout-issue"] !== undefined) cli.rollout_issue = values["rollout-issue"];
  const loaded = loadConfig({ path: values.config, cli, env: cmd.io.env, cwd: cmd.io.cwd });
  return wire(loaded, {
    logger: makeLogger(cmd),
    context: runContextFrom(cmd.io.env),
    ...overrides,
  });
}
