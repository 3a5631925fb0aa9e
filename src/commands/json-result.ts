// `--json`: one JSON document on stdout for every exit, done, refused or failed, so a script
// never has to parse the story (which goes to stderr). Its shape is versioned: a consumer checks
// `schemaVersion`, and a change that removes or renames a field raises it. The README's "JSON
// result" section documents it.

import {
  type Changes,
  ConfigError,
  FfRolloutError,
  GitLabError,
  RefusalError,
  UsageError,
} from "../errors.js";

export const RESULT_SCHEMA_VERSION = 1;

/** How the command ended. The exit code says the same; this names it. */
export type Outcome =
  | "done" // exit 0: it did what was asked
  | "nothing-to-do" // exit 0: it was done already; nothing changed
  | "dry-run" // exit 0: the plan only; nothing was written
  | "refused" // exit 1: a check said no (the reasons say why, with their kind)
  | "invalid-input" // exit 2: bad arguments or configuration, before any request
  | "gitlab-error" // exit 3: GitLab failed or could not be reached
  | "internal-error"; // exit 3: a bug in ff-rollout

/**
 * One reason. `kind` for a refusal: "not-now" (a wait or a judgement; --force --reason overrides
 * it) or "never" (nothing overrides it); readiness: "not-ready"; release-check: "not-yet"; bad
 * configuration: "invalid" (with `path`, the config key); a bad command line: "usage" (with
 * `path`, the option, and `value`, what was typed for it); GitLab: its error kind
 * ("unauthorized", "forbidden", "not-found", "rate-limited", ...); a bug: "internal".
 */
export interface Reason {
  kind: string;
  message: string;
  path?: string;
  value?: string | readonly string[];
}

/** What a command leaves for the JSON result; main() adds what it knows from the exit. */
export interface CommandOutput {
  /** The command's own result (the phase result, the status report, ...). */
  result?: unknown;
  changes?: Changes;
  outcome?: Outcome;
  reasons?: Reason[];
}

export interface JsonResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  /** The command as typed, without options: "run global", "status". */
  command: string;
  outcome: Outcome;
  exitCode: number;
  reasons: Reason[];
  /** What this run changed, also when it stopped part-way; empty for a read-only command. */
  changes: Changes;
  result: unknown;
}

const NO_CHANGES: Changes = { instances: [], issue: [] };

export function jsonResult(
  command: string,
  exitCode: number,
  output: CommandOutput,
  error?: unknown,
): JsonResult {
  const fromError = error === undefined ? undefined : describeError(error);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    command,
    outcome: fromError?.outcome ?? output.outcome ?? outcomeOf(exitCode),
    exitCode,
    reasons: fromError?.reasons ?? output.reasons ?? [],
    changes: (error instanceof FfRolloutError ? error.changes : undefined) ??
      output.changes ?? { ...NO_CHANGES },
    result: output.result ?? null,
  };
}

function outcomeOf(exitCode: number): Outcome {
  return exitCode === 0
    ? "done"
    : exitCode === 1
      ? "refused"
      : exitCode === 2
        ? "invalid-input"
        : "gitlab-error";
}

function describeError(error: unknown): { outcome: Outcome; reasons: Reason[] } {
  if (error instanceof ConfigError) {
    return {
      outcome: "invalid-input",
      reasons: error.problems.map((p) => ({
        kind: "invalid",
        message: p.message,
        ...(p.path ? { path: p.path } : {}),
      })),
    };
  }
  if (error instanceof UsageError) {
    return {
      outcome: "invalid-input",
      reasons: error.problems.map((p) => ({
        kind: "usage",
        message: `${p.problem}; ${p.fix}`,
        path: p.option,
        ...(p.value === undefined ? {} : { value: p.value }),
      })),
    };
  }
  if (error instanceof RefusalError) return { outcome: "refused", reasons: refusalReasons(error) };
  if (error instanceof GitLabError) {
    return { outcome: "gitlab-error", reasons: [{ kind: error.kind, message: error.message }] };
  }
  if (error instanceof FfRolloutError) {
    return {
      outcome: outcomeOf(error.exitCode),
      reasons: [{ kind: "error", message: error.message }],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: "internal-error", reasons: [{ kind: "internal", message }] };
}

/** Each refusal with its kind; a refusal thrown without any is one reason, its message. */
function refusalReasons(error: RefusalError): Reason[] {
  if (error.refusals.length > 0)
    return error.refusals.map((r) => ({ kind: r.kind, message: r.reason }));
  return [{ kind: "unspecified", message: error.message }];
}
