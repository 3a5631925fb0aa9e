// `ff-rollout watch`: the health checks through the soak after a production step; a breach rolls
// production back and the job fails (exit 1) with the figures.

import { EXIT } from "../errors.js";
import { notify, watchBreachEvents } from "../notify/events.js";
import { runWatch, watchExit } from "../watch/run-watch.js";
import type { CommandContext } from "./context.js";
import { setup } from "./setup.js";

export async function watchCommand(cmd: CommandContext): Promise<number> {
  const ports = setup(cmd);
  const result = await runWatch(ports, {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  if (result.outcome === "breached") {
    // Only after the rollback is done: the flag off comes first, the telling second.
    const ctx = { ...ports, redactor: cmd.redactor, env: cmd.io.env };
    const figures = (result.breach ?? []).map((r) => `${r.name} ${r.detail}`);
    for (const e of watchBreachEvents(ctx, figures)) await notify(ctx, e);
  }
  // The JSON result (main prints it) carries the watch's result; a breach is exit 1, "refused".
  cmd.output = { result: cmd.redactor.redactValue(result) };
  if (result.rollbackMs !== undefined) {
    ports.logger.info(
      `Rollback done ${result.rollbackMs} ms after the evaluation that saw the breach.`,
    );
  }
  return watchExit(result) ?? EXIT.ok;
}
