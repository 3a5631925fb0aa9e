// `ff-rollout watch`: through the soak after a production step, the health checks every
// interval_seconds; the first red check rolls production back at once, through the same core as
// `run rollback` (only the Features API needed), with the breach as the reason. Time from a
// breach Prometheus can see to the flag off is at most one interval plus the evaluation and the
// write. A check that cannot be answered is not a breach (monitoring down is not the flag's
// fault), but the job still fails at the end so that nobody mistakes it for a clean soak.

import { readHistory } from "../engine/history.js";
import type { Ports } from "../engine/ports.js";
import { rollbackFailure, rollbackFlag } from "../engine/run-rollback.js";
import { soakState } from "../engine/soak.js";
import { readTrust } from "../engine/trust.js";
import { EXIT, RefusalError } from "../errors.js";
import type { CheckResult } from "../health/evaluate.js";
import { postWatchNote, WatchTally } from "./watch-record.js";

export interface WatchOptions {
  sleep: (ms: number) => Promise<void>;
}

export interface WatchResult {
  outcome: "off" | "nothing-to-watch" | "green" | "unanswered" | "breached";
  evaluations: number;
  /** The checks that breached, with their figures, when one did. */
  breach?: CheckResult[];
  /** Local ms from the evaluation that saw the breach to the rollback's end. */
  rollbackMs?: number;
  /** A green watch: the note recording the soak it watched, or why it recorded none. */
  note?: { id: number };
  unrecorded?: string;
}

export async function runWatch(ports: Ports, options: WatchOptions): Promise<WatchResult> {
  const { config, logger, health } = ports;
  if (!health) {
    logger.info("No health checks are configured (health: in the config): nothing to watch.");
    return { outcome: "off", evaluations: 0 };
  }
  // Only trusted authors' notes count (engine/trust.ts): a forged marker cannot end the watch.
  const [notes, trust] = await Promise.all([
    ports.issues.listNotes(config.rolloutIssue),
    readTrust(ports.issues, config),
  ]);
  const history = readHistory(notes, config.flag, trust);
  const soak = soakState(history, config.environments, ports.now(), config.soakMinutes);
  if (soak.phase === "cleanup") {
    // The scheduled advance may have just deleted the flag (finish_by_schedule): production runs
    // code that no longer reads it, and a rollback would only create it again, switched off.
    logger.info("The last production change deleted the flag (cleanup): nothing to watch.");
    return { outcome: "nothing-to-watch", evaluations: 0 };
  }
  if (!soak.lastChange || soak.over) {
    logger.info(
      soak.lastChange
        ? `The soak after the last production change (${soak.phase} at ${soak.lastChange.toISOString()}) is over: nothing to watch.`
        : "Production has not been changed by ff-rollout yet: nothing to watch.",
    );
    return { outcome: "nothing-to-watch", evaluations: 0 };
  }
  const lastChange = soak.lastChange;
  const end = lastChange.getTime() + config.soakMinutes * 60_000;
  const intervalMs = (config.health?.intervalSeconds ?? 60) * 1000;
  logger.info(
    `Watching ${health.checks.map((c) => c.name).join(", ")} every ${intervalMs / 1000} s until ${new Date(end).toISOString()} (the soak after ${soak.phase}).`,
  );
  const tally = new WatchTally(health.checks);
  let unanswered = 0;
  for (;;) {
    const now = ports.now();
    const report = await health.evaluateAt({ at: now, lastChange });
    tally.add(report);
    const evaluations = tally.evaluations;
    const figures = report.results.map((r) => `${r.name} ${r.verdict}: ${r.detail}`);
    logger.info(`  ${now.toISOString()}  ${figures.join("; ")}`);
    const red = report.results.filter((r) => r.verdict === "red");
    if (red.length > 0) {
      const seen = Date.now();
      const reason = `health check breached during the soak after ${soak.phase}: ${red.map((r) => `${r.name} ${r.detail}`).join("; ")}`;
      logger.info(`Breach: rolling production back now (${reason}).`);
      const result = await rollbackFlag(ports, { reason });
      const failure = rollbackFailure(result);
      if (failure) throw failure;
      return { outcome: "breached", evaluations, breach: red, rollbackMs: Date.now() - seen };
    }
    if (report.results.some((r) => r.verdict === "unknown")) unanswered++;
    const left = end - ports.now().getTime();
    if (left <= 0) break;
    await options.sleep(Math.min(intervalMs, left));
  }
  const evaluations = tally.evaluations;
  // Unanswered checks prove nothing: no note (the job fails, see watchExit).
  if (unanswered > 0) {
    return { outcome: "unanswered", evaluations };
  }
  logger.info(`Every check stayed green through the soak (${evaluations} evaluations).`);
  const step = history.entries.find((e) => e.noteId === soak.noteId)!;
  const watched = tally.window(step, ports, intervalMs / 1000);
  if ("gap" in watched) {
    logger.info(`No watch note: ${watched.gap}.`);
    return { outcome: "green", evaluations, unrecorded: watched.gap };
  }
  const id = await postWatchNote(ports, watched.window);
  logger.info(
    `Posted the watch note: ${config.rolloutIssue.webUrl}#note_${id} (the soak after ${soak.phase}, watched green).`,
  );
  return { outcome: "green", evaluations, note: { id } };
}

/** The exit code of a watch: 1 after a breach (production rolled back) or unanswered checks. */
export function watchExit(result: WatchResult): number {
  if (result.outcome === "breached") {
    throw new RefusalError(
      `watch: production rolled back after a breach: ${result.breach?.map((r) => `${r.name} ${r.detail}`).join("; ")}`,
      [],
    );
  }
  if (result.outcome === "unanswered") {
    throw new RefusalError(
      `watch: some checks could not be answered during the soak (see the log); the soak was not proven green`,
      [],
    );
  }
  return EXIT.ok;
}
