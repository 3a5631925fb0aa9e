// Soak time: how long since production (or, before the full enable on non-production, the
// non-production instances) last changed, on GitLab's clock. Both ends come from the
// server: the change's time is the audit event's (written from GitLab's Date header) and "now"
// is the Date header of the latest answer, so a runner whose clock is off cannot shorten it.

import type { Environment } from "../config.js";
import type { IssueHistory } from "./history.js";

/** The Date header's resolution: what "now" read from it may lag behind. */
export const DATE_HEADER_SLACK_MS = 1000;

export type SoakTier = "production" | "non-production";

export interface Soak {
  tier: SoakTier;
  /** When the tier last changed, or undefined if the history shows no change there. */
  lastChange: Date | undefined;
  phase?: string;
  /** The audit note of that change: what a soak's evidence names (soak-window.ts). */
  noteId?: number;
  minutesSince: number;
  minutesLeft: number;
  over: boolean;
}

export function soakState(
  history: IssueHistory,
  environments: Environment[],
  now: Date,
  soakMinutes: number,
  tier: SoakTier = "production",
): Soak {
  const production = new Set(environments.filter((e) => e.tier === tier).map((e) => e.name));
  for (let i = history.entries.length - 1; i >= 0; i--) {
    const { event, noteId } = history.entries[i]!;
    const changed = event.instances.some(
      (x) => production.has(x.environment) && x.applied.length > 0,
    );
    if (!changed) continue;
    const lastChange = new Date(event.at);
    // GitLab's Date header has whole seconds, so "now" may trail the true time by up to one.
    const minutesSince = (now.getTime() + DATE_HEADER_SLACK_MS - lastChange.getTime()) / 60_000;
    const minutesLeft = Math.max(0, soakMinutes - minutesSince);
    return {
      tier,
      lastChange,
      phase: event.phase,
      noteId,
      minutesSince,
      minutesLeft,
      over: minutesLeft === 0,
    };
  }
  return {
    tier,
    lastChange: undefined,
    minutesSince: Number.POSITIVE_INFINITY,
    minutesLeft: 0,
    over: true,
  };
}

export function describeSoak(soak: Soak, soakMinutes: number): string {
  if (!soak.lastChange) return `${soak.tier} has not been changed by ff-rollout yet`;
  // GitLab's Date header has whole seconds, so "now" may trail the recorded change a little.
  const since = Math.max(0, Math.round(soak.minutesSince));
  if (soak.over)
    return `${since} min since the last ${soak.tier} change (${soak.phase}); the soak of ${soakMinutes} min is over`;
  const ready = new Date(soak.lastChange.getTime() + soakMinutes * 60_000);
  return `only ${since} min since the last ${soak.tier} change (${soak.phase} at ${soak.lastChange.toISOString()}); wait ${Math.max(1, Math.round(soak.minutesLeft))} more min (until ${ready.toISOString()}, GitLab's clock) and watch the dashboards meanwhile`;
}
