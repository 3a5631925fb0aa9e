// Our own error types. Every failure that reaches the user is one of these, so the CLI can map
// it to an exit code and print a message that says what failed, why, and what to do.
// Messages never carry a token: GitLab errors are translated in src/gitlab/errors.ts from the
// status and body only, and everything printed passes the redactor as a second guard.

/** Exit codes of the CLI contract (the README's CLI section lists them for users). */
export const EXIT = {
  ok: 0,
  refused: 1,
  badInput: 2,
  gitlab: 3,
} as const;

/** One instance a run wrote to (or tried to): its flag before and after, as the JSON shows it. */
export interface InstanceChange {
  environment: string;
  status: "changed" | "failed";
  before: unknown;
  after: unknown;
}

/** What a run changed, on the instances and on the rollout issue, even when it then stopped. */
export interface Changes {
  instances: InstanceChange[];
  /** Issue steps done: "comment on ...", "note 123 posted", "ticked: ...". */
  issue: string[];
}

export abstract class FfRolloutError extends Error {
  abstract readonly exitCode: number;
  override name = this.constructor.name;
  /** Set when the error stopped a run part-way: what was changed before it. */
  changes?: Changes;
}

/** One problem in the configuration: where (a dotted path), what was found, and the fix. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** Bad configuration (the file, FF_ROLLOUT_* variables, the flag's definition): exit 2. */
export class ConfigError extends FfRolloutError {
  readonly exitCode = EXIT.badInput;
  /** Every problem found, not only the first. */
  constructor(readonly problems: ConfigProblem[]) {
    super(headline("Invalid configuration", problems.map(formatProblem)));
  }
}

/**
 * One problem with the command line: the option (or "command", "phase", "arguments"), the value
 * typed when there is one, what is wrong with it and what to type instead.
 */
export interface UsageProblem {
  option: string;
  value?: string | readonly string[];
  problem: string;
  fix: string;
}

/**
 * A command line ff-rollout cannot run (an unknown option, one the command does not take, a
 * value it cannot read): exit 2. Not a configuration problem, so it does not say so: the person
 * fixes what they typed, not the config file.
 */
export class UsageError extends FfRolloutError {
  readonly exitCode = EXIT.badInput;
  constructor(readonly problems: readonly UsageProblem[]) {
    super(headline("Usage error", problems.map(formatUsage)));
  }
}

function headline(what: string, lines: string[]): string {
  return lines.length === 1
    ? `${what}: ${lines[0]}`
    : `${what} (${lines.length} problems):\n${lines.map((line) => `  - ${line}`).join("\n")}`;
}

function formatProblem(p: ConfigProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** `--percentage "abc": not a percentage ...; write ...` */
function formatUsage(u: UsageProblem): string {
  return `${u.option}${u.value === undefined ? "" : ` ${shownValue(u.value)}`}: ${u.problem}; ${u.fix}`;
}

/** Values as typed, quoted so that an empty or spaced one shows; a long one (free text) cut. */
function shownValue(value: string | readonly string[]): string {
  const one = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return typeof value === "string" ? one(value) : value.map(one).join(", ");
}

/**
 * Why a phase will not run, and whether anything can change that. "not-now": a wait or a
 * judgement (soak, order, drift, a person's open items, an MR not yet merged or deployed, a red
 * health check); `--force --reason` overrides it and the note records the reason. "never":
 * GitLab forbids the action, the flag is not in the state the action needs, or the flag is
 * unknown; nothing overrides it.
 */
export type RefusalKind = "not-now" | "never";

export interface Refusal {
  kind: RefusalKind;
  reason: string;
}

/** A check said no: exit 1. The reasons are for a person, each with its kind. */
export class RefusalError extends FfRolloutError {
  readonly exitCode = EXIT.refused;
  constructor(
    message: string,
    readonly refusals: readonly Refusal[] = [],
  ) {
    super(message);
  }
}

/** What kind of GitLab failure, so callers can react without parsing messages. */
export type GitLabErrorKind =
  | "unauthorized" // 401: token missing, invalid, expired or revoked
  | "forbidden" // 403: not allowed (e.g. not an administrator on /features)
  | "not-found" // 404
  | "bad-request" // 400 / 422: GitLab refused the parameters
  | "conflict" // 409
  | "rate-limited" // 429 after our retries
  | "server" // 5xx after our retries
  | "timeout" // no answer within the per-request timeout, after retries
  | "network" // connection refused / reset, after retries
  | "invalid-response"; // an answer we could not understand

/** A GitLab API failure: exit 3. */
export class GitLabError extends FfRolloutError {
  readonly exitCode = EXIT.gitlab;
  constructor(
    message: string,
    readonly kind: GitLabErrorKind,
    readonly details: {
      instance: string;
      method: string;
      path: string;
      status?: number;
      /** GitLab's own message from the body, e.g. "404 Issue Not Found". */
      gitlabMessage?: string;
      attempts?: number;
    },
  ) {
    super(message);
  }
}

/** Exit code for anything thrown: ours carry one; anything else is a bug reported as exit 3. */
export function exitCodeOf(error: unknown): number {
  return error instanceof FfRolloutError ? error.exitCode : EXIT.gitlab;
}
