// Whether the tool itself watched the soak of every production step before global: the template's
// "dashboards and error rates were watched during each step", proven from the trusted history
// alone. A step's soak is proven by a green window that names the step's audit note and covers
// the step's whole soak: advance's judgement, recorded in the audit note of the step it took
// next, or a green watch's note. The steps are those since the last rollback of production
// (before it, a rollout that was turned off; the resumed rollout is the one global completes).

import type { Environment } from "../config.js";
import { describeStepOf, type SoakWindow, windowGreen } from "../report/soak-window.js";
import type { HistoryEntry, IssueHistory } from "./history.js";
import { DATE_HEADER_SLACK_MS } from "./soak.js";

/** Production steps forward before global: each has a soak to watch. */
const STEPS = new Set(["production-actors", "rollout"]);

export type SoakProof =
  | { proven: true; steps: string[] }
  /** `missing`: each step whose soak the tool did not watch, said for people. */
  | { proven: false; steps: string[]; missing: string[] };

export interface ProofConfig {
  environments: Environment[];
  soakMinutes: number;
}

/** The step an audit entry recorded, as a soak window names it. */
export function stepOf(entry: HistoryEntry, environments: Environment[]): SoakWindow["step"] {
  const production = productionNames(environments);
  const after = entry.event.instances.find((i) => production.has(i.environment))?.after;
  const percentage = after ? after.percentageOfActors || after.percentageOfTime : 0;
  return {
    noteId: entry.noteId,
    phase: entry.event.phase,
    ...(entry.event.phase === "rollout" && percentage > 0 ? { percentage } : {}),
  };
}

/** The production steps since the last rollback of production, oldest first. */
export function productionSteps(
  history: IssueHistory,
  environments: Environment[],
): HistoryEntry[] {
  const production = productionNames(environments);
  const touches = (e: HistoryEntry) => e.event.instances.some((i) => production.has(i.environment));
  // A rollback of other instances only (--environment staging) leaves production's rollout on.
  const lastRollback = history.entries.findLastIndex(
    (e) => e.event.phase === "rollback" && touches(e),
  );
  return history.entries
    .slice(lastRollback + 1)
    .filter(
      (e) =>
        STEPS.has(e.event.phase) &&
        e.event.instances.some((i) => production.has(i.environment) && i.applied.length > 0),
    );
}

/**
 * Every production step before global proven watched green by the tool. `thisRun`: the window
 * advance judged in the run now taking global (not in the history yet).
 */
export function proveSoaksWatched(
  history: IssueHistory,
  config: ProofConfig,
  thisRun?: SoakWindow,
): SoakProof {
  const evidence = [
    ...history.entries.flatMap((e) => (e.event.soakWindow ? [e.event.soakWindow] : [])),
    ...history.watches.map((w) => w.record.window),
    ...(thisRun ? [thisRun] : []),
  ];
  const steps = productionSteps(history, config.environments);
  const names = steps.map((s) => describeStepOf(stepOf(s, config.environments)));
  if (steps.length === 0) {
    return {
      proven: false,
      steps: names,
      missing: ["no production step before global is recorded, so no soak was watched by the tool"],
    };
  }
  const soakMs = config.soakMinutes * 60_000;
  const missing = steps
    .filter((step) => !evidence.some((w) => covers(w, step, soakMs)))
    .map((step) => {
      const name = describeStepOf(stepOf(step, config.environments));
      return `the soak after ${name} (note ${step.noteId}, ${step.event.at}) was not watched by the tool: no green watch and no judgement by advance covers it`;
    });
  return missing.length === 0
    ? { proven: true, steps: names }
    : { proven: false, steps: names, missing };
}

/**
 * The window names the step, is green, and covers its whole soak: it starts at the change (a
 * watch may start up to one interval later: it sees no finer than that) and lasts the soak.
 */
function covers(window: SoakWindow, step: HistoryEntry, soakMs: number): boolean {
  if (window.step.noteId !== step.noteId || !windowGreen(window)) return false;
  const at = Date.parse(step.event.at);
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const gap = (window.intervalSeconds ?? 0) * 1000 + DATE_HEADER_SLACK_MS;
  return from <= at + gap && to >= at + soakMs - DATE_HEADER_SLACK_MS;
}

function productionNames(environments: Environment[]): Set<string> {
  return new Set(environments.filter((e) => e.tier === "production").map((e) => e.name));
}
