// What every GitLab-facing command does first: load the config (file, FF_ROLLOUT_* variables,
// CLI flags), make the logger, and wire the clients. Tokens go to the redactor before any
// request is made.

import { loadConfig } from "../config/load.js";
import { debugEnabled, runContextFrom } from "../config.js";
import { Logger } from "../report/logger.js";
import { type Wired, wire } from "../wiring.js";
import type { CommandContext } from "./context.js";

export function makeLogger(cmd: CommandContext): Logger {
  const { env } = cmd.io;
  return new Logger(cmd.io.sink, cmd.redactor, {
    debug: debugEnabled(env),
    ci: env.GITLAB_CI === "true",
    json: cmd.args.values.json === true,
  });
}

/** `flagOptional`: for `readiness --all`, which finds its flags in the rollout issues. */
export function setup(cmd: CommandContext, options: { flagOptional?: boolean } = {}): Wired {
  const { values } = cmd.args;
  const cli: Record<string, unknown> = {};
  if (values.flag !== undefined) cli.flag = values.flag;
  if (values["rollout-issue"] !== undefined) cli.rollout_issue = values["rollout-issue"];
  const loaded = loadConfig({
    path: values.config,
    cli,
    env: cmd.io.env,
    cwd: cmd.io.cwd,
    flagOptional: options.flagOptional,
  });
  return wire(loaded, { logger: makeLogger(cmd), context: runContextFrom(cmd.io.env) });
}
