// The checklist ticks of a phase run. The rollout issue as the run first read it says whether
// there is anything to tick at all; when there is, the tick's own read goes out with the run's
// writes and its write with the audit note (run-phase.ts). Its lines wait in a DeferredLogger
// and are told once the record is written, so the log still reads as a story.

import type { Issue } from "../gitlab/issues.js";
import { DeferredLogger } from "../report/deferred-logger.js";
import { matchContext } from "./match-context.js";
import type { Ports } from "./ports.js";
import { type TickResult, tickChecklist, wantsTicks } from "./tick-checklist.js";
import type { Plan } from "./types.js";

/** Where a run's ticks are added up: its result (run-phase.ts). */
interface TickedResult {
  plan: Plan;
  ticked: string[];
  overwritten: { author: string; at: string }[];
}

/** The checklist ticks of one run: the rollout issue's, and other issues' (cleanup). */
export interface Ticks {
  rollout: Promise<TickResult> | undefined;
  /** Where the tick's lines wait while other work (the audit note) is logged. */
  log: DeferredLogger;
}

/**
 * Starts ticking the rollout issue's checklist. `known` is the issue as this run first read it:
 * when it has nothing these facts tick, there is nothing to read or write. Otherwise `read` gives
 * the text for the first attempt (run-phase starts that read while its writes go on).
 */
export function startTicks(
  ports: Ports,
  plan: Plan,
  known: Issue | undefined,
  read: () => Promise<Issue>,
): Ticks {
  const log = new DeferredLogger(ports.logger);
  const context = matchContext(ports.config);
  if (known && !wantsTicks(known.description, plan.facts, context))
    return { rollout: undefined, log };
  const rollout = tickChecklist(
    ports.issues,
    ports.config.rolloutIssue,
    plan.facts,
    context,
    log,
    read(),
  );
  rollout.catch(() => undefined); // awaited by tellTicks, or dropped with the run's own error
  return { rollout, log };
}

/** Waits for the ticks, then tells them, each checklist in its own section. */
export async function tellTicks(ports: Ports, ticks: Ticks, result: TickedResult): Promise<void> {
  const { config, logger } = ports;
  const context = matchContext(config);
  // Other issues' checklists (cleanup's) are read and ticked alongside the rollout issue's.
  const others = (result.plan.checklists ?? []).map((ref) => {
    const log = new DeferredLogger(logger);
    return { ref, log, done: tickChecklist(ports.issues, ref, result.plan.facts, context, log) };
  });
  const [own, ...more] = await Promise.all([ticks.rollout, ...others.map((o) => o.done)]);
  await logger.section("Ticking the checklist", async () => {
    ticks.log.replay();
    addTicks(result, own);
    for (const text of own?.ticked ?? []) logger.info(`  [x] ${text}`);
    if (!own || own.ticked.length === 0) logger.info("  nothing new to tick");
  });
  for (const [i, other] of others.entries()) {
    await logger.section(`Ticking the checklist of ${other.ref.webUrl}`, async () => {
      other.log.replay();
      addTicks(result, more[i]);
      for (const text of more[i]?.ticked ?? []) logger.info(`  [x] ${text}`);
    });
  }
}

function addTicks(result: TickedResult, ticks: TickResult | undefined): void {
  if (!ticks) return;
  result.ticked.push(...ticks.ticked);
  result.overwritten.push(...ticks.overwritten.map((e) => ({ author: e.author, at: e.at })));
}
