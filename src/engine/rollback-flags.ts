// The flag half of a rollback: set the flag false on the chosen instances through each one's
// Features API and nothing else. Production goes first (it is why anybody presses rollback),
// then every other chosen instance at once. A failure on one instance never stops the others:
// each outcome says what happened there, so the caller can say exactly where the flag is off.

import type { Environment } from "../config.js";
import { describeState } from "../flags/gates.js";
import { transition } from "../flags/transitions.js";
import { absentFlag, type FlagBackend, type FlagState, isFullyOff } from "../flags/types.js";
import type { Logger } from "../report/logger.js";
import type { FlagAction, InstanceOutcome } from "./types.js";

/** One instance of a rollback: what it was, what it is now, and any failure. */
export interface RollbackOutcome extends InstanceOutcome {
  /** The read before the write failed: `before` then repeats `after` (the state is unknown). */
  beforeUnknown?: string;
}

/** Reads every chosen instance (production first, then the rest at once); failures are kept. */
export async function readTargets(
  flag: string,
  targets: Environment[],
  backends: Map<string, FlagBackend>,
): Promise<Map<string, FlagState | Error>> {
  const read = async (env: Environment): Promise<[string, FlagState | Error]> => {
    try {
      return [env.name, await backendOf(backends, env).read(flag)];
    } catch (error) {
      return [env.name, asError(error)];
    }
  };
  const [production, others] = byTier(targets);
  const first = await Promise.all(production.map(read));
  const rest = await Promise.all(others.map(read));
  return new Map([...first, ...rest]);
}

/**
 * Sets the flag false on each target, production first, then the others concurrently.
 * Each instance is read first: one fully off is left alone; one that could not be read is
 * written anyway, since `false` is safe to set twice. Never throws for a GitLab failure: it is
 * in the instance's outcome.
 */
export async function turnOffEverywhere(
  flag: string,
  targets: Environment[],
  backends: Map<string, FlagBackend>,
  logger: Logger,
): Promise<RollbackOutcome[]> {
  const [production, others] = byTier(targets);
  const first = await Promise.all(production.map((e) => turnOff(flag, e, backends, logger)));
  const rest = await Promise.all(others.map((e) => turnOff(flag, e, backends, logger)));
  // Reported in config order, whatever order they finished in.
  const all = [...first, ...rest];
  return targets.map((e) => all.find((o) => o.environment === e.name)!);
}

async function turnOff(
  flag: string,
  env: Environment,
  backends: Map<string, FlagBackend>,
  logger: Logger,
): Promise<RollbackOutcome> {
  const backend = backendOf(backends, env);
  let before: FlagState | undefined;
  let readError: string | undefined;
  try {
    before = await backend.read(flag);
  } catch (error) {
    readError = asError(error).message;
    logger.warn(
      `${env.name}: could not read the flag first (${readError}); setting it false anyway`,
    );
  }
  if (before && isFullyOff(before)) {
    logger.info(`  ${env.name}: already off, nothing to do`);
    return { environment: env.name, before, after: before, status: "unchanged", applied: [] };
  }
  try {
    const after = await backend.apply(flag, { kind: "disable" });
    logger.info(`  ${env.name}: set false ✓ (now ${describeState(after)})`);
    return {
      environment: env.name,
      before: before ?? after,
      after,
      status: "changed",
      applied: [{ kind: "disable" }],
      ...(readError === undefined ? {} : { beforeUnknown: readError }),
    };
  } catch (error) {
    const message = asError(error).message;
    logger.info(`  ${env.name}: FAILED to set false: ${message}`);
    // The state is the one read before, when there was one: the write did not happen (or its
    // answer was lost; the next read tells).
    return {
      environment: env.name,
      before: before ?? unknownState(flag),
      after: before ?? unknownState(flag),
      status: "failed",
      applied: [],
      error: message,
      ...(readError === undefined ? {} : { beforeUnknown: readError }),
    };
  }
}

/** The planned write per instance, from reads made first (for --dry-run and the note's plan). */
export function rollbackActions(
  targets: Environment[],
  reads: Map<string, FlagState | Error>,
  flag: string,
): FlagAction[] {
  return targets.map((environment) => {
    const read = reads.get(environment.name);
    if (read === undefined || read instanceof Error) {
      return {
        environment,
        before: unknownState(flag),
        target: { kind: "off" },
        changes: [{ kind: "disable" }],
        notes: [`could not read it first (${read?.message ?? "not read"}); set false anyway`],
      };
    }
    return {
      environment,
      before: read,
      target: { kind: "off" },
      changes: transition(read, { kind: "off" }).changes,
      notes: [],
    };
  });
}

/** The planned write of each instance, as it turned out (for the note's plan). */
export function rollbackActionsOf(
  targets: Environment[],
  outcomes: RollbackOutcome[],
): FlagAction[] {
  return targets.map((environment) => {
    const o = outcomes.find((x) => x.environment === environment.name)!;
    return {
      environment,
      before: o.before,
      target: { kind: "off" } as const,
      changes: o.status === "unchanged" ? [] : [{ kind: "disable" } as const],
      notes: o.beforeUnknown ? [`could not read it first (${o.beforeUnknown})`] : [],
    };
  });
}

/** Production-tier instances first, the others after, each in config order. */
function byTier(targets: Environment[]): [Environment[], Environment[]] {
  return [
    targets.filter((e) => e.tier === "production"),
    targets.filter((e) => e.tier !== "production"),
  ];
}

function backendOf(backends: Map<string, FlagBackend>, env: Environment): FlagBackend {
  const backend = backends.get(env.name);
  if (!backend) throw new Error(`no flag backend for environment "${env.name}"`);
  return backend;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Stands for a state that could not be read. Shown as absent and off, so every caller marks it
 * (beforeUnknown, the action's note) wherever it appears.
 */
function unknownState(flag: string): FlagState {
  return absentFlag(flag);
}
