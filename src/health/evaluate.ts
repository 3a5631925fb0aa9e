// Evaluates the configured checks against a Prometheus-compatible API, at one moment (before a
// production step, and on every tick of the watch) or over a whole window (every check green
// since the last change: what a scheduled advance needs). A check that cannot be answered is
// "unknown", which the gates treat like red: nobody can say it is safe.

import { type Baseline, judge, type Verdict } from "./judge.js";
import type { QueryApi, Sample } from "./prometheus.js";
import type { HealthCheckSpec } from "./types.js";

export interface CheckResult {
  name: string;
  query: string;
  verdict: Verdict;
  /** The value judged: the current one, or the worst over a window. */
  value?: number;
  baseline?: number;
  detail: string;
  /** Range evaluation: when the check was first red, and how many points were judged. */
  firstRedAt?: string;
  points?: number;
}

export interface HealthReport {
  /** The moment evaluated (a range evaluation: its end). */
  at: string;
  from?: string;
  results: CheckResult[];
}

export function allGreen(report: HealthReport): boolean {
  return report.results.every((r) => r.verdict === "green");
}

export interface Moment {
  at: Date;
  /** The last production change, when there was one: max_increase compares with before it. */
  lastChange: Date | undefined;
}

export class HealthChecker {
  /**
   * `baselineWindowMs`: the length of the window before the last change that max_increase
   * compares with (the soak's length, so "equal" to the window being watched).
   */
  constructor(
    private readonly api: QueryApi,
    readonly checks: HealthCheckSpec[],
    private readonly baselineWindowMs: number,
  ) {}

  /** Every check's value at one moment. Never throws: failures are "unknown" results. */
  async evaluateAt(moment: Moment): Promise<HealthReport> {
    const results = await Promise.all(this.checks.map((c) => this.checkAt(c, moment)));
    return { at: moment.at.toISOString(), results };
  }

  /**
   * Every check judged at every step from `from` to `to`: green only when every point is green.
   * The value reported is the worst point (the first red one when any is red).
   */
  async evaluateWindow(from: Date, to: Date, lastChange: Date | undefined): Promise<HealthReport> {
    const step = Math.max(1, Math.round((to.getTime() - from.getTime()) / 1000 / 120));
    const results = await Promise.all(
      this.checks.map((c) => this.checkWindow(c, from, to, step, lastChange)),
    );
    return { at: to.toISOString(), from: from.toISOString(), results };
  }

  private async checkAt(check: HealthCheckSpec, moment: Moment): Promise<CheckResult> {
    const base = { name: check.name, query: check.query };
    try {
      const [samples, baseline] = await Promise.all([
        this.api.instant(check.query, moment.at),
        this.baseline(check, moment.lastChange),
      ]);
      const one = single(samples);
      if ("error" in one) return { ...base, verdict: "unknown", detail: one.error };
      const judged = judge(check, one.value, baseline);
      return {
        ...base,
        ...judged,
        value: one.value,
        ...(baseline && "value" in baseline ? { baseline: baseline.value } : {}),
      };
    } catch (error) {
      return { ...base, verdict: "unknown", detail: `no answer: ${(error as Error).message}` };
    }
  }

  private async checkWindow(
    check: HealthCheckSpec,
    from: Date,
    to: Date,
    step: number,
    lastChange: Date | undefined,
  ): Promise<CheckResult> {
    const base = { name: check.name, query: check.query };
    try {
      const [series, baseline] = await Promise.all([
        this.api.range(check.query, from, to, step),
        this.baseline(check, lastChange),
      ]);
      if (series.length !== 1)
        return { ...base, verdict: "unknown", detail: seriesError(series.length) };
      const points = series[0]!.points;
      const judged = points.map(([at, value]) => ({
        at,
        value,
        judged: judge(check, value, baseline),
      }));
      // The point shown: the most extreme red one, else the first unknown, else the most extreme.
      const extreme = (list: typeof judged) =>
        list.reduce((w, p) => (worse(check, p.value, w.value) ? p : w));
      const reds = judged.filter((p) => p.judged.verdict === "red");
      const firstRedAt = reds[0]?.at;
      const worst =
        reds.length > 0
          ? extreme(reds)
          : (judged.find((p) => p.judged.verdict === "unknown") ??
            (judged.length > 0 ? extreme(judged) : undefined));
      if (!worst) {
        return { ...base, verdict: "unknown", detail: "no data in the window", points: 0 };
      }
      return {
        ...base,
        verdict: worst.judged.verdict,
        value: worst.value,
        detail: `worst ${worst.judged.detail} over ${points.length} points`,
        points: points.length,
        ...(baseline && "value" in baseline ? { baseline: baseline.value } : {}),
        ...(firstRedAt === undefined
          ? {}
          : { firstRedAt: new Date(firstRedAt * 1000).toISOString() }),
      };
    } catch (error) {
      return { ...base, verdict: "unknown", detail: `no answer: ${(error as Error).message}` };
    }
  }

  /** The mean of the query over the window before the last change, for max_increase. */
  private async baseline(
    check: HealthCheckSpec,
    lastChange: Date | undefined,
  ): Promise<Baseline | undefined> {
    if (check.maxIncrease === undefined || !lastChange) return undefined;
    const start = new Date(lastChange.getTime() - this.baselineWindowMs);
    const step = Math.max(1, Math.round(this.baselineWindowMs / 1000 / 60));
    try {
      const series = await this.api.range(check.query, start, lastChange, step);
      if (series.length !== 1) return { error: seriesError(series.length) };
      const values = series[0]!.points.map(([, v]) => v).filter(Number.isFinite);
      if (values.length === 0) return { error: "no data before the change" };
      return { value: values.reduce((a, b) => a + b, 0) / values.length };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
}

function single(samples: Sample[]): { value: number } | { error: string } {
  if (samples.length !== 1) return { error: seriesError(samples.length) };
  return { value: samples[0]!.value };
}

function seriesError(count: number): string {
  return count === 0
    ? "no data: the query returned nothing (check the metric's name and labels, and that Prometheus scrapes it)"
    : `the query returned ${count} series; aggregate it to one number (e.g. sum(...))`;
}

/** Further from green: higher for max and max_increase, lower for min-only checks. */
export function worse(check: HealthCheckSpec, value: number, than: number): boolean {
  const minOnly =
    check.min !== undefined && check.max === undefined && check.maxIncrease === undefined;
  return minOnly ? value < than : value > than;
}
