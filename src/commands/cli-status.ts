// `ff-rollout status` on the command line: print, write the JSON report when asked (--report
// PATH: the component's status job asks, for its artifact), pick the exit code.

import { EXIT } from "../errors.js";
import type { CommandContext } from "./context.js";
import type { Reason } from "./json-result.js";
import { writablePath } from "./output-paths.js";
import { setup } from "./setup.js";
import { type StatusReport, status, writeReport } from "./status.js";

export async function statusCommand(cmd: CommandContext): Promise<number> {
  const asked = cmd.args.values.report;
  // Checked before any request: a path that cannot be written is bad input, not a late surprise.
  const target = asked === undefined ? undefined : writablePath(cmd.io.cwd, asked, "--report");
  const ports = setup(cmd);
  const { report, failed } = await status(ports);
  const safe = cmd.redactor.redactValue(report);
  if (target) {
    ports.logger.info(`Report written to ${writeReport(safe, target, cmd.io.cwd, cmd.redactor)}`);
  }
  cmd.output = { result: safe, reasons: unreadable(safe) };
  return failed ? EXIT.gitlab : EXIT.ok;
}

/** What could not be read (exit 3), one reason each. */
function unreadable(report: StatusReport): Reason[] {
  return [
    ...report.instances.flatMap((i) =>
      i.error ? [{ kind: "gitlab", message: `${i.environment}: ${i.error}` }] : [],
    ),
    ...(report.issueError
      ? [{ kind: "gitlab", message: `rollout issue: ${report.issueError}` }]
      : []),
    ...(report.rolloutError
      ? [{ kind: "gitlab", message: `history: ${report.rolloutError}` }]
      : []),
  ];
}
