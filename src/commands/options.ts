// Which options each command takes, and the refusal (exit 2, before any request) of one it does
// not: a mistyped or misplaced option must never be silently ignored, since the command would
// then run without what the person asked for (a --dry-run that is not one, say).

import { ConfigError } from "../errors.js";
import { OPTIONS } from "./context.js";

export type OptionName = keyof typeof OPTIONS;

/** The options every GitLab-facing command takes. */
const COMMON: OptionName[] = ["config", "json", "help"];
/** What picks the flag and its issue over the config (setup() reads them). */
const FLAG_PICK: OptionName[] = ["flag", "rollout-issue"];

export const COMMAND_OPTIONS: Record<string, readonly OptionName[]> = {
  status: [...COMMON, ...FLAG_PICK, "report"],
  run: [
    ...COMMON,
    ...FLAG_PICK,
    "dry-run",
    "force",
    "reason",
    "percentage",
    "everywhere",
    "environment",
  ],
  readiness: [...COMMON, ...FLAG_PICK, "all", "junit", "report"],
  watch: [...COMMON, ...FLAG_PICK],
  "release-check": COMMON,
  sandbox: ["help", "port", "seed"],
  demo: ["help"],
};

/** Options only some phases of `run` take; every other phase refuses them. */
const PHASE_ONLY: Partial<Record<OptionName, string[]>> = {
  percentage: ["rollout", "non-production"],
  everywhere: ["rollback"],
  environment: ["rollback"],
  // Rollback is never refused, so there is nothing to force.
  force: [
    "non-production",
    "production-actors",
    "prepare",
    "rollout",
    "global",
    "release",
    "cleanup",
  ],
};

/** Refuses every given option the command does not take, naming what it does take. */
export function checkCommandOptions(command: string, given: Record<string, unknown>): void {
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) return; // an unknown command is refused by the dispatcher, with its own message
  const problems = Object.keys(given)
    .filter((name) => given[name] !== undefined && !allowed.includes(name as OptionName))
    .map((name) => ({
      path: `--${name}`,
      message: `is not an option of ${command}${suggestion(name, allowed)}; ${command} takes ${allowed.map((o) => `--${o}`).join(", ")}`,
    }));
  if (problems.length > 0) throw new ConfigError(problems);
}

/** For `run <phase>`: refuses the options of other phases (--percentage on global, ...). */
export function checkPhaseOptions(phase: string, given: Record<string, unknown>): void {
  const problems = Object.entries(PHASE_ONLY)
    .filter(([name, phases]) => given[name] !== undefined && !phases?.includes(phase))
    .map(([name, phases]) => ({
      path: `--${name}`,
      message: `applies to run ${phases?.join(", run ")} only, not to run ${phase}`,
    }));
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * parseArgs' refusal of an option nobody takes, restated with the closest known one: "unknown
 * option --dryrun; did you mean --dry-run?". Other parse errors keep their own message.
 */
export function explainParseError(error: Error, command: string | undefined): ConfigError {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (!unknown) return new ConfigError([{ path: "arguments", message: error.message }]);
  const name = unknown.replace(/^-+/, "").split("=")[0] ?? "";
  const pool = (command && COMMAND_OPTIONS[command]) || (Object.keys(OPTIONS) as OptionName[]);
  const hint = suggestion(name, pool) || `; see ff-rollout${command ? ` ${command}` : ""} --help`;
  return new ConfigError([{ path: unknown, message: `unknown option${hint}` }]);
}

/** "; did you mean --x?" for the closest name within two edits (or a prefix), else "". */
function suggestion(name: string, pool: readonly string[]): string {
  let best: { option: string; distance: number } | undefined;
  for (const option of pool) {
    const distance =
      option.startsWith(name) || name.startsWith(option) ? 1 : editDistance(name, option);
    if (distance <= 2 && (!best || distance < best.distance)) best = { option, distance };
  }
  return best ? `; did you mean --${best.option}?` : "";
}

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
