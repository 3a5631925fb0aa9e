// What a scheduled `advance` may do, decided without I/O in two steps: first from the config, the
// trusted history and the live production state (is a step due at all?), then, only when one
// is, from the health checks over the whole soak window and the open incidents (may it be
// taken?). Anything short of a clear yes is a wait with its reason: a scheduled job never forces.

import type { Config } from "../config.js";
import type { IssueHistory } from "../engine/history.js";
import { never, notNow } from "../engine/refusal.js";
import { describeSoak, soakState } from "../engine/soak.js";
import type { Refusal } from "../errors.js";
import { type FlagState, isFullyOn } from "../flags/types.js";
import type { HealthReport } from "../health/evaluate.js";
import { describeIncidents, type IncidentReport } from "../health/incidents.js";

/** The phases a person runs before advance may take over. */
export const BY_A_PERSON = ["non-production", "production-actors", "prepare"] as const;

/** Production steps forward: a rollback after the last of them stops the schedule. */
const FORWARD = new Set(["production-actors", "rollout", "global"]);

export const OFF_MESSAGE =
  "auto_advance is off: nothing moves the flag on its own (set auto_advance: global, or a percentage to stop at, in the config)";

export type Step = { phase: "rollout"; percentage: number } | { phase: "global" };

export interface AdvanceFacts {
  config: Pick<Config, "autoAdvance" | "percentages" | "soakMinutes" | "environments" | "actor">;
  history: IssueHistory;
  /** The flag on each production instance, read live. */
  production: FlagState[];
  /** GitLab's clock. */
  now: Date;
}

export type Due =
  | { kind: "off"; message: string }
  /** Nothing to do now: a wait ("not now") or a stop a person must lift ("never"). */
  | { kind: "wait"; reasons: Refusal[] }
  /** auto_advance's stop is reached, or the flag is on for everyone: a person takes over. */
  | { kind: "stop"; message: string }
  | {
      kind: "due";
      step: Step;
      /** Now at N% (0 before the first step). */
      current: number;
      /** The window every check must have been green over: the soak, up to now. */
      window: { from: Date; to: Date };
      lastChange: Date | undefined;
      /** The audit note of the last production change: the step whose soak the window is. */
      lastChangeNote: number | undefined;
      soak: string;
    };

export function describeStep(step: Step): string {
  return step.phase === "global" ? "global" : `rollout --percentage ${step.percentage}`;
}

/** Is a step due? Reads nothing: the facts were read before. */
export function advanceDue(facts: AdvanceFacts): Due {
  const { config, history, now } = facts;
  const limit = config.autoAdvance;
  if (limit === "off") {
    return { kind: "off", message: OFF_MESSAGE };
  }
  const waits: Refusal[] = [];
  for (const phase of BY_A_PERSON) {
    if (!ran(history, phase)) {
      waits.push(
        notNow(
          `the ${phase} phase has not run yet: a person runs ${BY_A_PERSON.join(", ")}; advance takes over after them`,
        ),
      );
    }
  }
  if (waits.length > 0) return { kind: "wait", reasons: waits };
  const rollback = rollbackSinceLastStep(history);
  if (rollback) return { kind: "wait", reasons: [rollback] };

  if (facts.production.some(isFullyOn)) {
    return {
      kind: "stop",
      message: "the flag is on for everyone on production: nothing is left to advance",
    };
  }
  const of = config.actor === "none" ? "time" : "actors";
  const current = Math.max(
    0,
    ...facts.production.map((f) => (of === "actors" ? f.percentageOfActors : f.percentageOfTime)),
  );
  const next = config.percentages.find((p) => p > current);
  const step: Step =
    next === undefined ? { phase: "global" } : { phase: "rollout", percentage: next };
  if (typeof limit === "number" && (step.phase === "global" || step.percentage > limit)) {
    return {
      kind: "stop",
      message: `production is at ${current}% of ${of}, and auto_advance stops at ${limit}%: a person takes the next step (${describeStep(step)})`,
    };
  }
  const soak = soakState(history, config.environments, now, config.soakMinutes);
  const soakText = describeSoak(soak, config.soakMinutes);
  if (!soak.over) return { kind: "wait", reasons: [notNow(`soak: ${soakText}`)] };
  // Without a recorded production change (production-actors found nothing to write), the window
  // is the soak's length up to now.
  const from = soak.lastChange ?? new Date(now.getTime() - config.soakMinutes * 60_000);
  return {
    kind: "due",
    step,
    current,
    window: { from, to: now },
    lastChange: soak.lastChange,
    lastChangeNote: soak.noteId,
    soak: soakText,
  };
}

export type Verdict = { kind: "go"; reason: string } | { kind: "wait"; reasons: Refusal[] };

/**
 * May the due step be taken? Every check green at every point of the window (a red or an
 * unanswerable one waits), and no open incident (or an incident check that failed: waits).
 */
export function judgeWindow(
  due: Extract<Due, { kind: "due" }>,
  health: HealthReport,
  incidents: { report: IncidentReport; settings: NonNullable<Config["incidents"]> } | undefined,
): Verdict {
  const reasons: Refusal[] = [];
  const window = `from ${iso(due.window.from)} to ${iso(due.window.to)}`;
  for (const r of health.results) {
    if (r.verdict === "red") {
      const first = r.firstRedAt ? `, first red at ${r.firstRedAt}` : "";
      reasons.push(
        notNow(
          `health check "${r.name}" was red in the soak window (${window}): ${r.detail}${first}; advance waits for a whole soak window green`,
        ),
      );
    } else if (r.verdict === "unknown") {
      reasons.push(
        notNow(
          `health check "${r.name}" cannot be judged over the soak window (${window}): ${r.detail}`,
        ),
      );
    }
  }
  if (health.results.length === 0) {
    reasons.push(notNow("no health check was evaluated: nothing proves the soak was healthy"));
  }
  if (incidents) {
    const { report, settings } = incidents;
    if ("error" in report || report.open.length > 0) {
      const detail = describeIncidents(report, settings);
      reasons.push(
        notNow(
          "error" in report
            ? `the incident check could not run: ${detail}`
            : `an incident is open: ${detail}`,
        ),
      );
    }
  }
  if (reasons.length > 0) return { kind: "wait", reasons };
  const figures = health.results.map((r) => `${r.name} ${r.detail}`).join("; ");
  return {
    kind: "go",
    reason: `by schedule (auto_advance): ${due.soak}; every health check green ${window} (${figures})${incidents ? "; no open incident" : ""}`,
  };
}

/** A recorded run of the phase that finished (changed what it had to, or found it done). */
function ran(history: IssueHistory, phase: string): boolean {
  return history.entries.some(
    (e) =>
      e.event.phase === phase && (e.event.outcome === "done" || e.event.outcome === "unchanged"),
  );
}

/** A rollback recorded after the last production step forward: a person decides what next. */
function rollbackSinceLastStep(history: IssueHistory): Refusal | undefined {
  const entries = history.entries;
  const lastRollback = entries.findLastIndex((e) => e.event.phase === "rollback");
  if (lastRollback < 0) return undefined;
  const lastStep = entries.findLastIndex(
    (e) => FORWARD.has(e.event.phase) && e.event.outcome !== "failed",
  );
  if (lastStep > lastRollback) return undefined;
  const at = entries[lastRollback]!.event.at;
  return never(
    `production was rolled back at ${at}, after the last production step: advance never moves a flag on after a rollback. A person decides: run production-actors or a rollout step again, and advance takes over from there`,
  );
}

function iso(date: Date): string {
  return date.toISOString();
}
