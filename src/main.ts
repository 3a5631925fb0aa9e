// argv -> command. Returns the exit code; only src/cli.ts exits the process. Commands are
// imported on demand so that `--version` and `--help` start in a few milliseconds.

import { parseArgs } from "node:util";
import { type CommandContext, type Io, OPTIONS, type ParsedArgs } from "./commands/context.js";
import { joinFreeText } from "./commands/free-text.js";
import { jsonResult } from "./commands/json-result.js";
import { checkCommandOptions, explainParseError } from "./commands/options.js";
import { secretsInEnvironment } from "./config/secrets.js";
import { debugEnabled } from "./config.js";
import { exitCodeOf, FfRolloutError, UsageError } from "./errors.js";
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
    // Not parsed, so the command and --json are read from the words: the first one that is not
    // an option names the command, and a --json anywhere asks for the JSON result.
    const command = argv.find((word) => !word.startsWith("-"));
    const ending = { io, redactor: new Redactor(secretsInEnvironment(io.env)), output: {} };
    const json = { json: argv.includes("--json"), words: command ? [command] : [] };
    return reportError(explainParseError(error as Error, argv, command), ending, json);
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
  const cmd: CommandContext = {
    args,
    io,
    redactor: new Redactor(secretsInEnvironment(io.env)),
    output: {},
  };
  // "run global", "status": the command as the JSON result names it.
  const json = {
    json: args.values.json === true,
    words: [command, ...rest.slice(0, command === "run" ? 1 : 0)],
  };
  try {
    checkCommandOptions(command, args.values);
    const code = await dispatch(command, rest, cmd);
    printJsonResult(cmd, json, code);
    return code;
  } catch (error) {
    return reportError(error, cmd, json);
  }
}

/** What the end of a run needs: where to print, the redactor, and the command's output. */
type Ending = Pick<CommandContext, "io" | "redactor" | "output">;
/** Whether --json was asked, and the command's words for the result. */
interface JsonAsk {
  json: boolean;
  words: string[];
}

async function dispatch(command: string, rest: string[], cmd: CommandContext): Promise<number> {
  switch (command) {
    case "status":
      return await (await import("./commands/cli-status.js")).statusCommand(cmd);
    case "run":
      return await (await import("./commands/cli-run.js")).runCommand(rest, cmd);
    case "readiness":
      return await (await import("./commands/cli-readiness.js")).readinessCommand(cmd);
    case "advance":
      return await (await import("./commands/cli-advance.js")).advanceCommand(cmd);
    case "watch":
      return await (await import("./commands/cli-watch.js")).watchCommand(cmd);
    case "release-check":
      return await (await import("./commands/cli-release-check.js")).releaseCheckCommand(rest, cmd);
    case "sandbox":
      return await (await import("./commands/cli-sandbox.js")).sandboxCommand(cmd);
    case "demo":
      return await (await import("./demo/run-demo.js")).demoCommand(cmd, main);
    default:
      throw new UsageError([
        {
          option: "command",
          value: command,
          problem: "unknown command",
          fix: "use status, run, release-check, readiness, watch, advance, sandbox or demo (see --help)",
        },
      ]);
  }
}

/** With --json, the one JSON result of this run on stdout (see json-result.ts). */
function printJsonResult(ending: Ending, ask: JsonAsk, code: number, error?: unknown): void {
  if (!ask.json) return;
  const result = jsonResult(ask.words.join(" "), code, ending.output, error);
  ending.io.sink.stdout(`${JSON.stringify(ending.redactor.redactValue(result), null, 2)}\n`);
}

function reportError(error: unknown, ending: Ending, ask: JsonAsk): number {
  const { io, redactor } = ending;
  printJsonResult(ending, ask, exitCodeOf(error), error);
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
