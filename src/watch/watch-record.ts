// What a green watch leaves on the rollout issue: the soak it watched (which step, from its first
// evaluation to its last, every check's worst figure) as a watch note (report/watch-note.ts).
// Only a watch that saw the whole soak records it: one that began more than an interval after
// the step did not see the first minutes, so it proves nothing about them and says so instead.

import type { HistoryEntry } from "../engine/history.js";
import type { Ports } from "../engine/ports.js";
import { DATE_HEADER_SLACK_MS } from "../engine/soak.js";
import { stepOf } from "../engine/soak-proof.js";
import { type HealthReport, worse } from "../health/evaluate.js";
import type { HealthCheckSpec } from "../health/types.js";
import { type SoakWindow, storedValue } from "../report/soak-window.js";
import { renderWatchNote, type WatchRecord } from "../report/watch-note.js";

interface Worst {
  value: number;
  detail: string;
}

/** The evaluations of one watch, as they come. */
export class WatchTally {
  private first: string | undefined;
  private last: string | undefined;
  private count = 0;
  private readonly worst = new Map<string, Worst>();

  constructor(private readonly checks: HealthCheckSpec[]) {}

  add(report: HealthReport): void {
    this.first ??= report.at;
    this.last = report.at;
    this.count++;
    for (const r of report.results) {
      const spec = this.checks.find((c) => c.name === r.name);
      const seen = this.worst.get(r.name);
      if (r.value === undefined || !spec) continue;
      if (!seen || worse(spec, r.value, seen.value))
        this.worst.set(r.name, { value: r.value, detail: r.detail });
    }
  }

  get evaluations(): number {
    return this.count;
  }

  /**
   * The window watched, when it covers the step's soak from its start (within one interval);
   * otherwise why not.
   */
  window(
    step: HistoryEntry,
    ports: Pick<Ports, "config">,
    intervalSeconds: number,
  ): { window: SoakWindow } | { gap: string } {
    const from = this.first ?? step.event.at;
    const late = Date.parse(from) - Date.parse(step.event.at);
    if (late > intervalSeconds * 1000 + DATE_HEADER_SLACK_MS) {
      return {
        gap: `the watch began ${Math.round(late / 1000)} s after the step (more than its ${intervalSeconds} s interval), so it did not see the whole soak`,
      };
    }
    const checks = this.checks.map((c) => {
      const w = this.worst.get(c.name);
      return {
        name: c.name,
        verdict: "green" as const,
        ...storedValue(w?.value),
        detail: w ? `worst ${w.detail} over ${this.count} evaluations` : "green",
      };
    });
    return {
      window: {
        step: stepOf(step, ports.config.environments),
        from,
        to: this.last ?? from,
        by: "watch",
        evaluations: this.count,
        intervalSeconds,
        checks,
      },
    };
  }
}

/** Posts the watch note; returns its id. */
export async function postWatchNote(ports: Ports, window: SoakWindow): Promise<number> {
  const { config, context } = ports;
  const record: WatchRecord = {
    v: 1,
    flag: config.flag,
    window,
    ...(context.user ? { by: context.user } : {}),
    ...(context.job ? { job: context.job } : {}),
    ...(context.pipeline ? { pipeline: context.pipeline } : {}),
  };
  const note = await ports.issues.createNote(
    config.rolloutIssue,
    renderWatchNote(record),
    config.notes.internal,
  );
  return note.id;
}
