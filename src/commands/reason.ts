// Where a run's reason comes from. Free text never goes through argument parsing when it can be
// avoided: the component passes it in variables (FF_ROLLOUT_REASON for a rollback,
// FF_ROLLOUT_FORCE_REASON to override a refusal), read here as they are, whatever they start
// with. `--reason=TEXT` and `--reason TEXT` work too (see joinFreeText in main.ts).

import type { Env, RunContext } from "../config.js";

export interface ReasonInput {
  /** --reason, when given. */
  flag: string | undefined;
  force: boolean;
  env: Env;
}

/** `--force`, or FF_ROLLOUT_FORCE_REASON set (the component's way to press play with --force). */
export function forceRequested(input: Pick<ReasonInput, "force" | "env">): boolean {
  return input.force || nonEmpty(input.env.FF_ROLLOUT_FORCE_REASON) !== undefined;
}

/** The reason: --reason, else the force reason when forcing, else FF_ROLLOUT_REASON. */
export function reasonFrom(input: ReasonInput): string | undefined {
  return (
    nonEmpty(input.flag) ??
    (forceRequested(input) ? nonEmpty(input.env.FF_ROLLOUT_FORCE_REASON) : undefined) ??
    nonEmpty(input.env.FF_ROLLOUT_REASON)
  );
}

/** A rollback always records why; without a reason, who pressed it and from which job. */
export function defaultRollbackReason(context: RunContext): string {
  const who = context.user ? ` by ${context.user}` : "";
  const where = context.job?.url ? ` from ${context.job.url}` : "";
  return `rollback${who}${where} (no reason given)`;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text !== undefined && text.trim() !== "" ? text : undefined;
}
