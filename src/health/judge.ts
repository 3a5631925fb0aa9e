// Whether one value of a check is green: its absolute thresholds (max, min) and its rise over the
// baseline (max_increase). Pure, so the watch, the gates and the scheduled advance agree on it.

import type { HealthCheckSpec } from "./types.js";

export type Verdict = "green" | "red" | "unknown";

export interface Judgement {
  verdict: Verdict;
  /** "0.004 (max 0.01)", "0.08, +60 % over 0.05 before the change (max +50 %)". */
  detail: string;
}

/**
 * `baseline`: the same query before the last production change; undefined when there was no
 * change to compare with (max_increase then has nothing to judge) or it could not be read.
 */
export function judge(
  check: HealthCheckSpec,
  value: number,
  baseline: Baseline | undefined,
): Judgement {
  if (!Number.isFinite(value)) {
    return {
      verdict: "unknown",
      detail: `${formatValue(value)}: no usable value (a ratio over no traffic gives NaN)`,
    };
  }
  const limits: string[] = [];
  let red = false;
  if (check.max !== undefined) {
    limits.push(`max ${formatValue(check.max)}`);
    if (value > check.max) red = true;
  }
  if (check.min !== undefined) {
    limits.push(`min ${formatValue(check.min)}`);
    if (value < check.min) red = true;
  }
  let rise = "";
  let unknown = "";
  if (check.maxIncrease !== undefined) {
    const allowed = `max +${formatPercent(check.maxIncrease)}`;
    if (!baseline) {
      limits.push(`${allowed}: no production change to compare with yet`);
    } else if ("error" in baseline) {
      unknown = `the window before the change could not be read: ${baseline.error}`;
    } else {
      const increase = relativeIncrease(value, baseline.value);
      rise = `, ${increase >= 0 ? "+" : ""}${formatPercent(increase)} over ${formatValue(baseline.value)} before the change`;
      limits.push(allowed);
      if (increase > check.maxIncrease) red = true;
    }
  }
  const detail = `${formatValue(value)}${rise} (${limits.join(", ")})`;
  if (red) return { verdict: "red", detail };
  if (unknown) return { verdict: "unknown", detail: `${detail}; ${unknown}` };
  return { verdict: "green", detail };
}

export type Baseline = { value: number } | { error: string };

/** How far `value` is above `before`, as a fraction; from zero, any rise is infinite. */
export function relativeIncrease(value: number, before: number): number {
  if (before === 0) return value === 0 ? 0 : value > 0 ? Number.POSITIVE_INFINITY : -1;
  return (value - before) / Math.abs(before);
}

/** Four significant digits, no exponent for everyday sizes. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e9) return String(Number(value.toPrecision(4)));
  return value.toExponential(3);
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "∞ %";
  // One decimal: 79.9 %, and float noise around zero reads 0 %.
  return `${Number((fraction * 100).toFixed(1))} %`;
}
