// `ff-rollout advance`, the scheduled step: reads the trusted history and production's live state,
// decides whether a step is due (decide.ts), and only then asks Prometheus about the whole soak
// window and the incident project about open incidents. A step it may take is an ordinary phase
// run (the same engine as `run rollout --percentage N` and `run global`, lease, re-checks and
// audit note included) marked "by schedule". It never forces: every "not now" of its own or of
// the phase it runs is reported, and the job ends well (nothing to do yet).

import type { RunContext } from "../config.js";
import { readHistory } from "../engine/history.js";
import type { Ports } from "../engine/ports.js";
import { describeRefusal, notNow } from "../engine/refusal.js";
import { type PhaseResult, runPhase } from "../engine/run-phase.js";
import { readTrust } from "../engine/trust.js";
import { ConfigError, type Refusal, RefusalError } from "../errors.js";
import type { HealthReport } from "../health/evaluate.js";
import { findPhase } from "../phases/index.js";
import {
  advanceDue,
  type Due,
  describeStep,
  judgeWindow,
  OFF_MESSAGE,
  type Step,
} from "./decide.js";
import { finishBySchedule, NOTHING_STARTED } from "./finish.js";
import type { Finishable } from "./finish-decide.js";
import { judgedWindow } from "./judged-window.js";

export interface AdvanceResult {
  /** off: auto_advance is off; wait: not yet (reasons); stop: a person takes over; stepped. */
  outcome: "off" | "wait" | "stop" | "stepped";
  /** What it said, for the log and the JSON result. */
  message: string;
  reasons: Refusal[];
  /** The step that was due, when one was. */
  step?: Step;
  /** The release or cleanup it finished (finish_by_schedule), when it did. */
  finish?: Finishable;
  /** The health checks over the soak window, when they were evaluated. */
  window?: HealthReport;
  /** The phase run, when a step was taken (or planned, with --dry-run). */
  phase?: PhaseResult;
  reason?: string;
}

/** What marks a run as the schedule's in its audit note and the status note. */
export function scheduledContext(context: RunContext): RunContext {
  return { ...context, trigger: "schedule" };
}

export async function runAdvance(
  ports: Ports,
  options: { dryRun: boolean },
): Promise<AdvanceResult> {
  const { config, logger } = ports;
  if (config.autoAdvance === "off" && !config.finishBySchedule) {
    // No request at all: a schedule left on with the feature off costs nothing.
    logger.info(OFF_MESSAGE);
    return { outcome: "off", message: OFF_MESSAGE, reasons: [] };
  }
  const production = config.environments.filter((e) => e.tier === "production");
  const [notes, trust, flags] = await Promise.all([
    ports.issues.listNotes(config.rolloutIssue),
    readTrust(ports.issues, config),
    config.autoAdvance === "off"
      ? []
      : Promise.all(production.map((e) => ports.backends.get(e.name)!.read(config.flag))),
  ]);
  // Only trusted authors' notes count (engine/trust.ts): a forged marker can neither start the
  // schedule (a fake prepare) nor hide a rollback.
  const history = readHistory(notes, config.flag, trust);
  // A release or cleanup a person started comes after the percentage steps (finish.ts).
  const finished = await finishBySchedule(ports, history, options);
  if (finished) return finished;
  if (config.autoAdvance === "off") {
    logger.info(NOTHING_STARTED);
    return { outcome: "wait", message: NOTHING_STARTED, reasons: [notNow(NOTHING_STARTED)] };
  }
  const due = advanceDue({ config, history, production: flags, now: ports.now() });
  const limit = `auto_advance: ${config.autoAdvance}${typeof config.autoAdvance === "number" ? "%" : ""}`;
  if (due.kind !== "due") return notDue(ports, due, limit);

  const health = ports.health;
  if (!health) {
    // The loader refuses auto_advance without health: (advance-schema.ts); a wiring bug otherwise.
    throw new ConfigError([
      { path: "health", message: "is required for auto_advance: add health checks" },
    ]);
  }
  logger.info(
    `${describeStep(due.step)} is due (${limit}; ${due.soak}). Judging the soak window ${due.window.from.toISOString()} .. ${due.window.to.toISOString()}:`,
  );
  const [window, incidents] = await Promise.all([
    health.evaluateWindow(due.window.from, due.window.to, due.lastChange),
    ports.incidents?.(),
  ]);
  for (const r of window.results) logger.info(`  health: ${r.name}: ${r.verdict}, ${r.detail}`);
  const verdict = judgeWindow(
    due,
    window,
    incidents && config.incidents ? { report: incidents, settings: config.incidents } : undefined,
  );
  if (verdict.kind === "wait") {
    return waiting(ports, verdict.reasons, { step: due.step, window });
  }

  const phase = findPhase(due.step.phase)!;
  logger.info(`Taking the step: ${describeStep(due.step)}, by schedule.`);
  try {
    const result = await runPhase(
      phase,
      { ...ports, context: scheduledContext(ports.context) },
      {
        dryRun: options.dryRun,
        ...(due.step.phase === "rollout" ? { percentage: due.step.percentage } : {}),
        // Never forced: a refusal of the phase itself (drift, the gate at this moment, another
        // run holding the flag) is a wait like any other.
        force: false,
        reason: verdict.reason,
        everywhere: false,
        soakWindow: judgedWindow(
          due,
          window,
          history,
          config.environments,
          incidents !== undefined && config.incidents !== undefined,
        ),
      },
    );
    return {
      outcome: "stepped",
      message: `${options.dryRun ? "would take" : "took"} the step ${describeStep(due.step)}, by schedule`,
      reasons: [],
      step: due.step,
      window,
      phase: result,
      reason: verdict.reason,
    };
  } catch (error) {
    // "Never" refusals need a person (an unknown flag, a forbidden change): the job fails.
    if (error instanceof RefusalError && error.refusals.every((r) => r.kind === "not-now")) {
      const reasons = error.refusals.length > 0 ? [...error.refusals] : [];
      return waiting(ports, reasons, { step: due.step, window }, error.message);
    }
    throw error;
  }
}

function notDue(ports: Ports, due: Exclude<Due, { kind: "due" }>, limit: string): AdvanceResult {
  if (due.kind === "wait") return waiting(ports, due.reasons, {});
  const message = due.kind === "off" ? due.message : `${due.message} (${limit})`;
  ports.logger.info(message);
  return { outcome: due.kind === "off" ? "off" : "stop", message, reasons: [] };
}

function waiting(
  ports: Ports,
  reasons: Refusal[],
  found: { step?: Step; window?: HealthReport },
  fallback?: string,
): AdvanceResult {
  const lines = reasons.length > 0 ? reasons.map(describeRefusal) : [fallback ?? "not now"];
  const message = `Nothing to do yet${found.step ? ` (${describeStep(found.step)} waits)` : ""}:`;
  ports.logger.info(message);
  for (const line of lines) ports.logger.info(`  - ${line}`);
  return {
    outcome: "wait",
    message: `${message} ${lines.join("; ")}`,
    reasons: reasons.length > 0 ? reasons : [{ kind: "not-now", reason: fallback ?? "not now" }],
    ...found,
  };
}
