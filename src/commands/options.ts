// Which options each command takes, and the refusal (a usage error: exit 2, before any request)
// of one it does not: a mistyped or misplaced option must never be silently ignored, since the
// command would then run without what the person asked for (a --dry-run that is not one, say).

import { PHASE_NAMES } from "../engine/phase-names.js";
import { UsageError, type UsageProblem } from "../errors.js";
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
  advance: [...COMMON, ...FLAG_PICK, "dry-run"],
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
  force: PHASE_NAMES.filter((phase) => phase !== "rollback"),
};

/** Refuses every given option the command does not take, naming what it does take. */
export function checkCommandOptions(command: string, given: Record<string, unknown>): void {
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) return; // an unknown command is refused by the dispatcher, with its own message
  const problems = Object.keys(given)
    .filter((name) => given[name] !== undefined && !allowed.includes(name as OptionName))
    .map((name): UsageProblem => {
      const closest = closestOption(name, allowed);
      return {
        option: `--${name}`,
        ...givenValue(given[name]),
        problem: `not an option of ${command}`,
        fix: `${closest ? `did you mean --${closest}? ` : ""}${command} takes ${allowed.map((o) => `--${o}`).join(", ")}`,
      };
    });
  if (problems.length > 0) throw new UsageError(problems);
}

/** For `run <phase>`: refuses the options of other phases (--percentage on global, ...). */
export function checkPhaseOptions(phase: string, given: Record<string, unknown>): void {
  const problems = Object.entries(PHASE_ONLY)
    .filter(([name, phases]) => given[name] !== undefined && !phases?.includes(phase))
    .map(
      ([name, phases]): UsageProblem => ({
        option: `--${name}`,
        ...givenValue(given[name]),
        problem: `applies to run ${phases?.join(", run ")} only, not to run ${phase}`,
        fix: `run ${phase} without it`,
      }),
    );
  if (problems.length > 0) throw new UsageError(problems);
}

/**
 * parseArgs' refusals restated as usage errors that name the option, what was typed and the fix:
 * "--dryrun: unknown option; did you mean --dry-run?", "--percentage: needs a value; ...".
 * `argv` is what was typed, for the value of an `--option=value`.
 */
export function explainParseError(
  error: Error,
  argv: readonly string[],
  command: string | undefined,
): UsageError {
  const help = `see ff-rollout${command ? ` ${command}` : ""} --help`;
  const unknown = /Unknown option '(-{1,2}[^'=]+)/.exec(error.message)?.[1];
  if (unknown) {
    const pool = (command && COMMAND_OPTIONS[command]) || (Object.keys(OPTIONS) as OptionName[]);
    const closest = closestOption(unknown.replace(/^-+/, ""), pool);
    return new UsageError([
      {
        option: unknown,
        ...typedValue(argv, unknown),
        problem: "unknown option",
        fix: closest ? `did you mean --${closest}?` : help,
      },
    ]);
  }
  // "Option '-h, --help' does not take an argument", "Option '--report <value>' argument missing"
  const named = /Option '([^']+)'/.exec(error.message)?.[1];
  const option = named?.match(/--[\w-]+/)?.[0] ?? named?.split(/[ ,]/)[0];
  if (option && /does not take an argument/.test(error.message)) {
    const value = typedValue(argv, option);
    return new UsageError([
      { option, ...value, problem: "takes no value", fix: `write ${option} alone` },
    ]);
  }
  if (option) {
    return new UsageError([
      {
        option,
        problem: "needs a value",
        fix: `write ${option} VALUE (one that starts with "-" as ${option}=-VALUE); ${help}`,
      },
    ]);
  }
  return new UsageError([{ option: "arguments", problem: error.message, fix: help }]);
}

/** The value of an option given as a string (or several); nothing for a boolean one. */
function givenValue(given: unknown): Pick<UsageProblem, "value"> {
  if (typeof given === "string") return { value: given };
  if (Array.isArray(given)) return { value: given.map(String) };
  return {};
}

/** The value typed as `--option=value`, if it was typed that way. */
function typedValue(argv: readonly string[], option: string): Pick<UsageProblem, "value"> {
  const word = argv.find((w) => w.startsWith(`${option}=`));
  return word === undefined ? {} : { value: word.slice(option.length + 1) };
}

/** The closest name within two edits (or a prefix either way), if any. */
function closestOption(name: string, pool: readonly string[]): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of pool) {
    const distance =
      option.startsWith(name) || name.startsWith(option) ? 1 : editDistance(name, option);
    if (distance <= 2 && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
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
