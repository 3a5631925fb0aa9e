// Turns what a run ended with (a change, a refusal, a rollback, a breach) into a NotifyEvent, sends
// it, and logs each delivery. Called by the commands once the outcome is known, so a notification
// reports what happened, never what was about to.

import type { Config, RunContext } from "../config.js";
import { describeRefusal } from "../engine/refusal.js";
import type { PhaseResult } from "../engine/run-phase.js";
import type { InstanceOutcome } from "../engine/types.js";
import type { RefusalError } from "../errors.js";
import { describeState } from "../flags/gates.js";
import { outlookLines, rolloutOutlook } from "../phases/rollout-outlook.js";
import type { Logger } from "../report/logger.js";
import type { Redactor } from "../report/redact.js";
import { deliver } from "./send.js";
import type { Delivery, NotifyEvent, NotifyEventKind } from "./types.js";

export interface NotifyContext {
  config: Config;
  context: RunContext;
  logger: Logger;
  redactor: Redactor;
  env: Record<string, string | undefined>;
  now?: () => Date;
}

function event(
  ctx: NotifyContext,
  kind: NotifyEventKind,
  phase: string,
  fields: { production: boolean; details: string[]; reason?: string },
): NotifyEvent {
  return {
    event: kind,
    phase,
    flag: ctx.config.flag,
    production: fields.production,
    details: fields.details,
    reason: fields.reason,
    rolloutIssueUrl: ctx.config.rolloutIssue.webUrl,
    jobUrl: ctx.context.job?.url,
    user: ctx.context.user,
    at: (ctx.now?.() ?? new Date()).toISOString(),
  };
}

function touchesProduction(config: Config, outcomes: readonly InstanceOutcome[]): boolean {
  const production = new Set(
    config.environments.filter((e) => e.tier === "production").map((e) => e.name),
  );
  return outcomes.some((o) => o.status === "changed" && production.has(o.environment));
}

function outcomeLines(outcomes: readonly InstanceOutcome[]): string[] {
  return outcomes
    .filter((o) => o.status === "changed" || o.status === "failed")
    .map((o) =>
      o.status === "failed"
        ? `${o.environment}: write failed, still ${describeState(o.before)}`
        : `${o.environment}: ${describeState(o.before)} -> ${describeState(o.after)}`,
    );
}

/** A run that changed a flag; undefined when nothing changed (nothing to tell). */
export function changedEvent(
  ctx: NotifyContext,
  result: PhaseResult,
  reason: string | undefined,
): NotifyEvent | undefined {
  if (result.dryRun || !result.outcomes.some((o) => o.status === "changed")) return undefined;
  const kind = result.phase === "rollback" ? "rolled-back" : "changed";
  return event(ctx, kind, result.phase, {
    production: touchesProduction(ctx.config, result.outcomes),
    details: outcomeLines(result.outcomes),
    reason,
  });
}

/**
 * The prepare run's announcement of what is coming on production: sent by the run that recorded
 * the rollout as prepared (a new note; a retried job edits its note and does not tell again).
 */
export function announcedEvent(ctx: NotifyContext, result: PhaseResult): NotifyEvent | undefined {
  if (result.phase !== "prepare" || result.dryRun || !result.note || result.note.edited) {
    return undefined;
  }
  const now = ctx.now?.() ?? new Date();
  // Nothing changed on production yet: `production` says whether a message reports a change there.
  return event(ctx, "announced", result.phase, {
    production: false,
    details: outlookLines(rolloutOutlook(ctx.config, now)),
  });
}

export function refusedEvent(ctx: NotifyContext, phase: string, error: RefusalError): NotifyEvent {
  return event(ctx, "refused", phase, {
    production: false,
    details: error.refusals.map(describeRefusal),
  });
}

/** For `watch`: the red checks with their figures, then the automatic rollback they caused. */
export function watchBreachEvents(ctx: NotifyContext, figures: string[]): NotifyEvent[] {
  return [
    event(ctx, "breached", "watch", { production: true, details: figures }),
    event(ctx, "rolled-back", "watch", {
      production: true,
      details: ["production: turned off automatically"],
      reason: `health check breached: ${figures.join("; ")}`,
    }),
  ];
}

/** Sends to every destination that wants it and logs each delivery; never throws. */
export async function notify(ctx: NotifyContext, e: NotifyEvent | undefined): Promise<Delivery[]> {
  if (!e || ctx.config.notify.length === 0) return [];
  let deliveries: Delivery[];
  try {
    deliveries = await deliver(ctx.config.notify, e, {
      env: ctx.env,
      redactor: ctx.redactor,
      timeoutMs: Math.min(ctx.config.requestTimeoutMs, 10_000),
    });
  } catch (error) {
    // deliver() reports per destination; this is for a bug, which must not fail the phase either.
    ctx.logger.warn(`notifications not sent: ${(error as Error).message}`);
    return [];
  }
  for (const d of deliveries) {
    if (d.delivered) ctx.logger.info(`Notified ${d.destination} (${d.kind}): ${d.event}`);
    else ctx.logger.warn(`Notification to ${d.destination} (${d.kind}) failed: ${d.error}`);
  }
  return deliveries;
}
