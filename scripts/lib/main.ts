// How each script runs as a command: its positional arguments and --dry-run (zx's argv), the
// usage line when arguments are missing (exit 2), and an expected failure (ScriptError) printed
// as one line naming the script (exit 1, or the error's own code), so a CI log says which step
// failed and why. Any other error is a bug and keeps its stack.

import { argv, echo } from "zx";

export class ScriptError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function runScript(
  name: string,
  usage: string,
  needs: number,
  body: (args: string[], dryRun: boolean) => Promise<number | undefined> | number | undefined,
): Promise<void> {
  const args = argv._.map(String);
  if (args.length < needs) {
    echo(`usage: ${usage}`);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = (await body(args, argv["dry-run"] === true)) ?? 0;
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    echo(`${name}: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}
