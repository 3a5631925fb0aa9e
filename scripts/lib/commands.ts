// Running the external commands of a release (buildah, skopeo, npm) through zx, or, with
// --dry-run, only printing them. Secrets are passed through the environment or stdin, never as
// arguments, so a printed command never shows one.

import { $, echo } from "zx";

export interface Runner {
  dryRun: boolean;
  /** Runs `command`; `input` goes to its stdin. In a dry run, prints it and returns "". */
  run(command: string[], input?: string): Promise<string>;
}

export function runner(dryRun: boolean, say: (line: string) => void = echo): Runner {
  return {
    dryRun,
    async run(command, input) {
      say(
        `${dryRun ? "would run" : "running"}: ${command.join(" ")}${input ? " (with stdin)" : ""}`,
      );
      if (dryRun) return "";
      const [program = "", ...args] = command;
      const result = await $({ input, verbose: false })`${program} ${args}`;
      return result.stdout;
    },
  };
}
