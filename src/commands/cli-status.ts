// `ff-rollout status` on the command line: print, write the JSON report, pick the exit code.

import { EXIT } from "../errors.js";
import type { CommandContext } from "./context.js";
import { writablePath } from "./output-paths.js";
import { setup } from "./setup.js";
import { status, writeReport } from "./status.js";

export const DEFAULT_REPORT = "ff-rollout-report.json";

export async function statusCommand(cmd: CommandContext): Promise<number> {
  const target = writablePath(cmd.io.cwd, cmd.args.values.report ?? DEFAULT_REPORT, "--report");
  const ports = setup(cmd);
  const { report, failed } = await status(ports);
  const safe = cmd.redactor.redactValue(report);
  const path = writeReport(safe, target, cmd.io.cwd, cmd.redactor);
  if (cmd.args.values.json) ports.logger.result(JSON.stringify(safe, null, 2));
  ports.logger.info(`Report written to ${path}`);
  return failed ? EXIT.gitlab : EXIT.ok;
}
