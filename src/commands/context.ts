// What main hands every command: the parsed arguments, the process's environment and output,
// and the run's redactor. Its own module so that main (which dispatches) and the commands (which
// use it) do not import each other.

import type { parseArgs } from "node:util";
import type { Env } from "../config.js";
import type { Sink } from "../report/logger.js";
import type { Redactor } from "../report/redact.js";
import type { CommandOutput } from "./json-result.js";

export interface Io {
  env: Env;
  cwd: string;
  sink: Sink;
  /** For `sandbox`: resolves when the server should stop (Ctrl-C in the CLI). */
  untilStopped?: () => Promise<void>;
}

export const OPTIONS = {
  config: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  "dry-run": { type: "boolean" },
  force: { type: "boolean" },
  reason: { type: "string" },
  percentage: { type: "string" },
  everywhere: { type: "boolean" },
  environment: { type: "string", multiple: true },
  report: { type: "string" },
  all: { type: "boolean" },
  junit: { type: "string" },
  port: { type: "string" },
  seed: { type: "string" },
  flag: { type: "string" },
  "rollout-issue": { type: "string" },
} as const;

export type ParsedArgs = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>;

export interface CommandContext {
  args: ParsedArgs;
  io: Io;
  redactor: Redactor;
  /** What the command leaves for the --json result (main prints it, on every exit). */
  output: CommandOutput;
}
