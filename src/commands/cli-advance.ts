// `ff-rollout advance`: the scheduled step. Exit 0 whether it stepped or waits (the reasons say
// why: a schedule that is not due is not a failure); 1 only for a "never" refusal a person must
// clear, 2 for bad config, 3 when GitLab fails.

import { runAdvance } from "../advance/run-advance.js";
import { EXIT } from "../errors.js";
import { changedEvent, notify } from "../notify/events.js";
import type { CommandContext } from "./context.js";
import { phaseOutput } from "./phase-output.js";
import { setup } from "./setup.js";

export async function advanceCommand(cmd: CommandContext): Promise<number> {
  const { values } = cmd.args;
  const dryRun =
    values["dry-run"] === true || /^(true|1|yes)$/i.test(cmd.io.env.FF_ROLLOUT_DRY_RUN ?? "");
  const ports = setup(cmd);
  const result = await runAdvance(ports, { dryRun });
  const reasons = result.reasons.map((r) => ({ kind: r.kind, message: r.reason }));
  if (result.outcome !== "stepped" || !result.phase) {
    cmd.output = { result: cmd.redactor.redactValue(result), outcome: "nothing-to-do", reasons };
    return EXIT.ok;
  }
  // The step's changes are told as any run's are (event "changed", phase rollout or global).
  const notifyCtx = { ...ports, redactor: cmd.redactor, env: cmd.io.env };
  const notifications = await notify(
    notifyCtx,
    changedEvent(notifyCtx, result.phase, result.reason),
  );
  const output = phaseOutput(result.phase);
  cmd.output = {
    ...output,
    result: cmd.redactor.redactValue({
      ...result,
      ...(notifications.length > 0 ? { notifications } : {}),
    }),
  };
  return EXIT.ok;
}
