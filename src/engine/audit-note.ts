// Writes the phase run's audit note: one per run, and on a retry of the same CI job (same
// pipeline, same job name: GitLab gives a retried job a new id) whose earlier attempt failed or
// stopped part-way, the earlier note is edited and merged, so the issue shows one account of
// what the job did across its attempts (findOwnEntry says when).

import type { IssueRef, RunContext } from "../config.js";
import { describeChange } from "../flags/transitions.js";
import type { IssueStore, Note } from "../gitlab/issues.js";
import type { AuditEvent } from "../report/marker.js";
import { compactState, renderNote } from "../report/note.js";
import type { SoakWindow } from "../report/soak-window.js";
import type { HistoryEntry, IssueHistory } from "./history.js";
import type { InstanceOutcome, Plan } from "./types.js";

export interface NoteInput {
  plan: Plan;
  outcomes: InstanceOutcome[];
  context: RunContext;
  at: Date;
  forcedReason?: string;
  reason?: string;
  issueDone?: string[];
  failed?: boolean;
  /** This run's id, shared with its lease note. */
  run?: string;
  /** advance's judgement of the soak before this step (PhaseOptions.soakWindow). */
  soakWindow?: SoakWindow;
}

export function buildEvent(input: NoteInput): AuditEvent {
  const { plan, outcomes, context } = input;
  const issueDone = input.issueDone ?? [];
  const changed =
    outcomes.some((o) => o.status === "changed" || o.applied.length > 0) || issueDone.length > 0;
  const failed = outcomes.some((o) => o.status === "failed") || input.failed === true;
  return {
    v: 1,
    kind: "phase",
    phase: plan.phase,
    flag: plan.flag,
    at: input.at.toISOString(),
    outcome: failed ? (changed ? "partial" : "failed") : changed ? "done" : "unchanged",
    ...(context.user ? { by: context.user } : {}),
    ...(context.trigger ? { trigger: context.trigger } : {}),
    ...(input.run ? { run: input.run } : {}),
    ...(context.job
      ? { job: { id: context.job.id, name: context.job.name, url: context.job.url } }
      : {}),
    ...(context.pipeline
      ? { pipeline: { id: context.pipeline.id, url: context.pipeline.url } }
      : {}),
    ...(input.forcedReason ? { forced: { reason: input.forcedReason } } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(issueDone.length > 0 ? { issue: issueDone } : {}),
    ...gateFigures(plan),
    ...(input.soakWindow ? { soakWindow: input.soakWindow } : {}),
    instances: outcomes.map((o) => ({
      environment: o.environment,
      status: o.status,
      before: compactState(o.before),
      after: compactState(o.after),
      applied: o.applied.map(describeChange),
      ...(o.error ? { error: o.error } : {}),
    })),
  };
}

/** The health figures and open incidents the plan was judged on, as the marker stores them. */
function gateFigures(plan: Plan): Pick<AuditEvent, "health" | "incidents"> {
  const { health, incidents } = plan.gates ?? {};
  const open = incidents && "open" in incidents ? incidents.open.map((i) => i.url) : [];
  return {
    ...(health
      ? {
          health: {
            at: health.at,
            checks: health.results.map((r) => ({
              name: r.name,
              verdict: r.verdict,
              ...(r.value === undefined
                ? {}
                : { value: Number.isFinite(r.value) ? r.value : null }),
              detail: r.detail,
            })),
          },
        }
      : {}),
    ...(open.length > 0 ? { incidents: open } : {}),
  };
}

/**
 * Posts the note, or edits this job's note from an earlier attempt (found in the history read
 * before the run). Returns the note written and the event it now carries.
 */
export async function writeAuditNote(
  issues: IssueStore,
  ref: IssueRef,
  event: AuditEvent,
  title: string,
  history: IssueHistory,
  context: RunContext,
  internal: boolean,
): Promise<{ note: Note; edited: boolean; event: AuditEvent }> {
  const earlier =
    context.pipeline && context.job?.name ? findOwnEntry(history, event, context) : undefined;
  if (earlier) {
    const merged = mergeEvents(earlier.event, event);
    const note = await issues.updateNote(ref, earlier.noteId, renderNote(merged, title));
    return { note, edited: true, event: merged };
  }
  const note = await issues.createNote(ref, renderNote(event, title), internal);
  return { note, edited: false, event };
}

/**
 * This job's entry from an earlier attempt (same phase, pipeline and job name, written by us),
 * when it is the last run recorded and did not finish (failed or partial): the retry finishes
 * it. A retry after another run (a rollback, say, and the step played again once the cause is
 * fixed) is a new step: editing the old note would move it before what happened in between, and
 * the history would lose the first attempt. So is a retry of an attempt that finished: a
 * scheduled `advance` retried after the next soak takes the next percentage under the same job
 * name, and merging would erase the step before it.
 */
function findOwnEntry(
  history: IssueHistory,
  event: AuditEvent,
  context: RunContext,
): HistoryEntry | undefined {
  const last = history.entries.at(-1);
  const found = last?.event;
  return last?.author === history.me &&
    (found?.outcome === "failed" || found?.outcome === "partial") &&
    found.phase === event.phase &&
    found.flag === event.flag &&
    found.pipeline?.id === context.pipeline?.id &&
    found.job?.name === context.job?.name
    ? last
    : undefined;
}

/**
 * One account across attempts: an instance changed by an earlier attempt stays "changed" with
 * its original "before"; its "after" is the latest state.
 */
export function mergeEvents(earlier: AuditEvent, later: AuditEvent): AuditEvent {
  const instances = later.instances.map((now) => {
    const then = earlier.instances.find((i) => i.environment === now.environment);
    if (!then || then.status === "unchanged" || then.status === "skipped") return now;
    const status = now.status === "failed" ? "failed" : "changed";
    return {
      ...now,
      status,
      before: then.before,
      applied: [...then.applied, ...now.applied],
    } as typeof now;
  });
  // An instance only the earlier attempt covered (a rollback retried with other instances
  // chosen) keeps its record: the note is the account of every attempt.
  for (const then of earlier.instances) {
    if (!later.instances.some((i) => i.environment === then.environment)) instances.push(then);
  }
  const anyFailed = instances.some((i) => i.status === "failed");
  const anyChanged = instances.some((i) => i.status === "changed" || i.applied.length > 0);
  const issue = [...(earlier.issue ?? []), ...(later.issue ?? [])];
  // A soak judged by an earlier attempt stays proven: the retry took the same step.
  const soakWindow = later.soakWindow ?? earlier.soakWindow;
  return {
    ...later,
    ...(soakWindow ? { soakWindow } : {}),
    ...(issue.length > 0 ? { issue } : {}),
    instances,
    outcome: anyFailed ? (anyChanged ? "partial" : "failed") : anyChanged ? "done" : "unchanged",
  };
}
