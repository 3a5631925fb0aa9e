// The verdicts of the scheduled rollback-readiness check. Each check says ready, warning or not
// ready, with a reason a person can act on; a flag's verdict is its worst check's.

export type Verdict = "ready" | "warning" | "not-ready";

export const CHECK_NAMES = [
  "instances answer",
  "tokens",
  "flag known",
  "rollback plan",
  "drift",
  "stale",
  "one day on production",
  "rollout issue",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckResult {
  name: CheckName;
  verdict: Verdict;
  reason: string;
}

export interface FlagReadiness {
  flag: string;
  issue: { project: string; iid: number; webUrl: string } | undefined;
  checks: CheckResult[];
  verdict: Verdict;
  /** What the run wrote for this flag: the readiness note, the one-day item. */
  wrote: string[];
}

const ORDER: Verdict[] = ["ready", "warning", "not-ready"];

export function worst(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), "ready");
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  ready: "ready",
  warning: "warning",
  "not-ready": "NOT READY",
};
