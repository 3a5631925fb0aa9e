// argv -> command. Returns the exit code; only src/cli.ts exits the process. Commands are
// imported on demand so that `--version` and `--help` start in a few milliseconds.

import { parseArgs } from "node:util";
import { type CommandContext, type Io, OPTIONS, type ParsedArgs } from "./commands/context.js";
import { joinFreeText } from "./commands/free-text.js";
import { secretsInEnvironment } from "./config/secrets.js";
import { debugEnabled } from "./config.js";
import { ConfigError, exitCodeOf, FfRolloutError } from "./errors.js";
import { COMMAND_HELP, MAIN_HELP } from "./help.js";
import { Redactor } from "./report/redact.js";
import { version } from "./version.js";

export async function main(argv: string[], io: Io): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs({
      args: joinFreeText(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.sink.stderr(`ERROR: ${(error as Error).message}\nRun ff-rollout --help for usage.\n`);
    return 2;
  }
  const [command, ...rest] = args.positionals;
  if (args.values.version) {
    io.sink.stdout(`${version()}\n`);
    return 0;
  }
  if (!command || command === "help") {
    io.sink.stdout(MAIN_HELP);
    return command || args.values.help ? 0 : 2;
  }
  if (args.values.help) {
    const help = COMMAND_HELP[command];
    io.sink.stdout(help ?? MAIN_HELP);
    return help ? 0 : 2;
  }
  // One redactor for the whole run: commands add every token they load, and errors printed
  // below pass through it too.
  const cmd: CommandContext = { args, io, redactor: new Redactor(secretsInEnvironment(io.env)) };
  try {
    switch (command) {
      case "status":
        return await (await import("./commands/cli-status.js")).statusCommand(cmd);
      case "run":
        return await (await import("./commands/cli-run.js")).runCommand(rest, cmd);
      case "readiness":
        return await (await import("./commands/cli-readiness.js")).readinessCommand(cmd);
      case "watch":
        return await (await import("./commands/cli-watch.js")).watchCommand(cmd);
      case "release-check":
        return await (await import("./commands/cli-release-check.js")).releaseCheckCommand(
          rest,
          cmd,
        );
      case "sandbox":
        return await (await import("./commands/cli-sandbox.js")).sandboxCommand(cmd);
      case "demo":
        return await (await import("./demo/run-demo.js")).demoCommand(cmd, main);
      default:
        throw new ConfigError([
          {
            path: "command",
            message: `unknown command "${command}"; use status, run, release-check, readiness, watch, sandbox or demo (see --help)`,
          },
        ]);
    }
  } catch (error) {
    return reportError(error, cmd);
  }
}

function reportError(error: unknown, { io, redactor }: CommandContext): number {
  if (error instanceof FfRolloutError) {
    io.sink.stderr(redactor.redact(`ERROR: ${error.message}\n`));
  } else {
    // A bug: say so plainly, without a stack unless debugging (stacks can quote values).
    const debug = debugEnabled(io.env);
    const detail =
      debug && error instanceof Error
        ? (error.stack ?? error.message)
        : String((error as Error)?.message ?? error);
    io.sink.stderr(
      redactor.redact(
        `ERROR: unexpected failure (a bug in ff-rollout; please report it): ${detail}\n`,
      ),
    );
  }
  return exitCodeOf(error);
}
