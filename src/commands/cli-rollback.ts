// `ff-rollout run rollback`: the flag off on production, every instance (--everywhere) or the
// named ones (--environment NAME, repeatable, or FF_ROLLOUT_ENVIRONMENTS). Exit 0 when the flag
// is off everywhere asked and the issue recorded it; exit 3 otherwise, the first line saying
// where the flag is off.

import type { Env } from "../config.js";
import { runContextFrom } from "../config.js";
import { rollbackFailure, rollbackFlag } from "../engine/run-rollback.js";
import { EXIT, UsageError } from "../errors.js";
import { changedEvent, notify } from "../notify/events.js";
import type { RollbackScope } from "../phases/rollback.js";
import type { CommandContext } from "./context.js";
import { phaseOutput } from "./phase-output.js";
import { defaultRollbackReason, reasonFrom } from "./reason.js";
import { setup } from "./setup.js";

export async function rollbackCommand(cmd: CommandContext, dryRun: boolean): Promise<number> {
  const { values } = cmd.args;
  const { env } = cmd.io;
  const scope = scopeFrom(values.everywhere === true, values.environment, env);
  const ports = setup(cmd);
  const reason =
    reasonFrom({ flag: values.reason, force: false, env }) ??
    defaultRollbackReason(runContextFrom(env));
  const result = await rollbackFlag(ports, { reason, scope, dryRun });
  const notifyCtx = { ...ports, redactor: cmd.redactor, env };
  const notifications = await notify(notifyCtx, changedEvent(notifyCtx, result, reason));
  const output = phaseOutput(result);
  cmd.output =
    notifications.length > 0 ? { ...output, result: { ...result, notifications } } : output;
  const failure = rollbackFailure(result);
  if (failure) {
    failure.changes = cmd.output.changes;
    throw failure;
  }
  return EXIT.ok;
}

/** --everywhere, or --environment NAME (repeatable) / FF_ROLLOUT_ENVIRONMENTS, or production. */
export function scopeFrom(
  everywhere: boolean,
  named: string[] | undefined,
  env: Env,
): RollbackScope {
  const fromEnv = (env.FF_ROLLOUT_ENVIRONMENTS ?? "").split(/[\s,]+/).filter((s) => s !== "");
  const names = named && named.length > 0 ? named : fromEnv;
  const everywhereToo = everywhere || /^(true|1|yes)$/i.test(env.FF_ROLLOUT_EVERYWHERE ?? "");
  if (names.length > 0 && everywhereToo) {
    throw new UsageError([
      {
        option: "--environment",
        value: names,
        problem: "cannot be combined with --everywhere (or FF_ROLLOUT_EVERYWHERE=true)",
        fix: "name the instances, or use --everywhere alone",
      },
    ]);
  }
  const bad = names.filter((n) => !/^[a-z0-9_-]+$/.test(n));
  if (bad.length > 0) {
    throw new UsageError(
      bad.map((n) => ({
        option: "--environment",
        value: n,
        problem: "not an environment name",
        fix: 'name one as in environments: (lowercase letters, digits, "-" and "_")',
      })),
    );
  }
  if (names.length > 0) return { kind: "environments", names: [...new Set(names)] };
  return everywhereToo ? { kind: "everywhere" } : { kind: "production" };
}
