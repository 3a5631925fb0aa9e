// The rollout's position for `status`: what ran (from the audit notes), drift between the live
// flags and the last recorded states, the soak clock, the definition's rollout_issue_url, and
// the phase to play next.

import type { Config } from "../config.js";
import { type Drift, findDrift } from "../engine/drift.js";
import { readHistory } from "../engine/history.js";
import { describeSoak, soakState } from "../engine/soak.js";
import { readTrust } from "../engine/trust.js";
import { GitLabError } from "../errors.js";
import type { FlagState } from "../flags/types.js";
import { isFullyOn } from "../flags/types.js";
import { rollbackClearedActors } from "../phases/actors-after-rollback.js";
import type { Wired } from "../wiring.js";

export interface RolloutPosition {
  /** `trigger`: "schedule" for a step the scheduled advance took. */
  runs: { phase: string; at: string; outcome: string; by?: string; trigger?: string }[];
  drift: Drift[];
  /** Notes carrying our markers that do not count (untrusted author, damaged marker). */
  ignored: { author: string; url: string; at: string; claimed: string }[];
  soak: { over: boolean; minutesLeft: number; detail: string };
  next: string;
  definition?:
    | { path: string; rolloutIssueUrl: string | null; mismatch?: string }
    | { error: string; notFound?: boolean };
}

export async function readPosition(
  ports: Wired,
  /** The live flags, being read alongside (status reads everything at once). */
  live: Promise<Map<string, FlagState>>,
): Promise<RolloutPosition> {
  const { config } = ports;
  const [notes, definition, trust, flags] = await Promise.all([
    ports.issues.listNotes(config.rolloutIssue),
    readDefinition(ports),
    readTrust(ports.issues, config),
    live,
  ]);
  const history = readHistory(notes, config.flag, trust);
  const soak = soakState(history, config.environments, ports.now(), config.soakMinutes);
  const ran = new Set(
    history.entries.filter((e) => e.event.outcome !== "failed").map((e) => e.event.phase),
  );
  return {
    runs: history.entries.map(({ event }) => ({
      phase: event.phase,
      at: event.at,
      outcome: event.outcome,
      ...(event.by ? { by: event.by } : {}),
      ...(event.trigger ? { trigger: event.trigger } : {}),
    })),
    drift: findDrift(history, flags, config.flag),
    ignored: history.ignored.map((n) => ({
      author: n.author,
      url: `${config.rolloutIssue.webUrl}#note_${n.noteId}`,
      at: n.createdAt,
      claimed: n.claimed,
    })),
    soak: {
      over: soak.over,
      minutesLeft: Math.ceil(soak.minutesLeft),
      detail: describeSoak(soak, config.soakMinutes),
    },
    next: nextPhase(config, flags, ran, rollbackClearedActors(config, history) !== undefined),
    ...(definition ? { definition: afterCleanup(definition, ran) } : {}),
  };
}

/** The phase a person would play next, judged from the live flags and what has run. */
export function nextPhase(
  config: Config,
  flags: Map<string, FlagState>,
  ran: Set<string>,
  /** A rollback cleared production's actor gate and production-actors has not run since. */
  actorsCleared = false,
): string {
  const tier = (t: string) => config.environments.filter((e) => e.tier === t);
  const on = (name: string) => {
    const state = flags.get(name);
    return state !== undefined && isFullyOn(state);
  };
  // The end: cleanup deleted the flag everywhere; before that, its MR waits for a merge.
  if (ran.has("cleanup")) {
    return config.environments.every((e) => !flags.get(e.name)?.exists)
      ? "nothing: the flag is deleted everywhere (cleanup done)"
      : "cleanup, once its merge request is merged and deployed to production";
  }
  if (!tier("non-production").every((e) => on(e.name))) return "non-production";
  if (config.actor !== "none" && !ran.has("production-actors")) return "production-actors";
  if (actorsCleared) return "production-actors (the rollback cleared the actors' gate)";
  if (!ran.has("prepare")) return "prepare";
  if (tier("production").every((e) => on(e.name)))
    return "release or cleanup (the flag is on for everyone)";
  const current = Math.max(
    0,
    ...tier("production").map((e) => {
      const s = flags.get(e.name);
      return s ? (config.actor === "none" ? s.percentageOfTime : s.percentageOfActors) : 0;
    }),
  );
  const step = config.percentages.find((p) => p > current);
  return step === undefined ? "global" : `rollout --percentage ${step}`;
}

/**
 * Once cleanup has run, a definition missing from the default branch is the cleanup MR's work,
 * not a wrong path: saying "not found; searched ..." then sends a person looking for a problem.
 */
function afterCleanup(
  definition: NonNullable<RolloutPosition["definition"]>,
  ran: Set<string>,
): NonNullable<RolloutPosition["definition"]> {
  if (!ran.has("cleanup") || !("error" in definition) || !definition.notFound) return definition;
  return { error: "deleted from the default branch by the cleanup merge request, as planned" };
}

async function readDefinition(ports: Wired): Promise<RolloutPosition["definition"]> {
  const { config } = ports;
  try {
    const lookup = await ports.release.findDefinition(config.definitionProject, config.flag);
    if (!lookup.found) {
      return {
        error:
          "searched" in lookup
            ? `not found; searched ${lookup.searched.join(", ")}`
            : `${lookup.path}: ${lookup.problems.join("; ")}`,
        ...("searched" in lookup ? { notFound: true } : {}),
      };
    }
    const url = lookup.definition.rolloutIssueUrl;
    const mismatch =
      url &&
      url.replace(/\/+$/, "") !== config.rolloutIssue.webUrl &&
      !url.endsWith(`/-/work_items/${config.rolloutIssue.iid}`)
        ? `the definition's rollout_issue_url is ${url}, but the configured rollout issue is ${config.rolloutIssue.webUrl}`
        : undefined;
    return {
      path: lookup.definition.path,
      rolloutIssueUrl: url,
      ...(mismatch ? { mismatch } : {}),
    };
  } catch (error) {
    if (!(error instanceof GitLabError)) throw error;
    return { error: error.message };
  }
}
