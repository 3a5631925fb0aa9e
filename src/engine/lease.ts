// Two runs on one flag never both write. Before its first write a run posts a lease note on the
// rollout issue, then reads the notes back: among the unexpired leases of trusted authors for
// this flag, the one with the lowest note id wins (GitLab hands out note ids in insert order, so
// every run reaches the same verdict). The loser deletes its lease and refuses as "not now",
// naming the winner's job. The winner deletes its lease when it is done; if it dies first, its
// lease expires LEASE_MINUTES after GitLab created it. A CI retry of a job (same pipeline, same
// job name, new job id) does not wait for its own earlier attempt, which is certainly over.
// The CI resource_group stays the first line of defence; this covers runs started by hand.
// Rollback never takes the lease: it must work with the issues API down, and it always wins
// (run-phase.ts re-reads each flag before writing it, forward-undo.ts checks after, and
// rollback-confirm.ts reads again after the rollback's note).
//
// A lease left behind by a run whose audit note failed is also the evidence of what that run
// was doing: unrecorded.ts records its change for it.

import type { IssueRef } from "../config.js";
import type { IssueStore, Note } from "../gitlab/issues.js";
import {
  hasLeaseMarker,
  type LeaseInfo,
  readLeaseMarker,
  renderLeaseNote,
} from "../report/lease-note.js";
import type { Logger } from "../report/logger.js";
import { concurrentRefusal } from "./concurrent-refusal.js";
import type { IssueHistory } from "./history.js";
import { ours, type Trust, trusted } from "./trust.js";

/** Longer than any phase run takes; a dead run blocks others at most this long. */
export const LEASE_MINUTES = 15;

export interface Lease {
  note: Note;
  info: LeaseInfo;
}

export function readLeases(notes: Note[], flag: string, trust: Trust): Lease[] {
  return notes.flatMap((note) => {
    if (!trusted(trust, note) || !hasLeaseMarker(note.body)) return [];
    const info = readLeaseMarker(note.body);
    return info && info.flag === flag ? [{ note, info }] : [];
  });
}

function expired(lease: Lease, now: number): boolean {
  return Date.parse(lease.note.createdAt) + LEASE_MINUTES * 60_000 <= now;
}

/** An earlier attempt of the same CI job: GitLab never runs two attempts of one job at once. */
function earlierAttempt(lease: Lease, self: LeaseInfo): boolean {
  return (
    lease.info.run !== self.run &&
    self.pipeline !== undefined &&
    self.job?.name !== undefined &&
    lease.info.pipeline?.id === self.pipeline.id &&
    lease.info.job?.name === self.job.name
  );
}

/** The lease's run recorded its audit note after taking it: it finished writing. */
export function recorded(lease: Lease, history: IssueHistory): boolean {
  const since = Date.parse(lease.note.createdAt);
  return history.entries.some(
    (e) =>
      Date.parse(e.noteCreatedAt) >= since &&
      (e.event.run === lease.info.run ||
        (lease.info.job !== undefined && e.event.job?.id === lease.info.job.id)),
  );
}

/**
 * Leases of runs that are over without having recorded their change: expired, or an earlier
 * attempt of this very job. Oldest first.
 */
export function abandonedLeases(
  leases: Lease[],
  history: IssueHistory,
  self: LeaseInfo,
  now: number,
): Lease[] {
  return leases.filter(
    (l) => (expired(l, now) || earlierAttempt(l, self)) && !recorded(l, history),
  );
}

export interface HeldLease {
  note: Note;
  info: LeaseInfo;
  /** Every note as read right after the lease was won (the history to re-plan on). */
  notes: Note[];
}

/**
 * Posts our lease, then reads the notes back to see who holds the flag. `alongside` starts at the
 * same time as that read, once our lease is posted (run-phase re-reads the flags there, so that
 * they are read as late as the notes and the writes follow right after both); its promise is
 * the caller's to await, under the lease.
 */
export async function acquireLease<T = undefined>(
  issues: IssueStore,
  ref: IssueRef,
  self: LeaseInfo,
  trust: Trust,
  history: (notes: Note[]) => IssueHistory,
  internal: boolean,
  alongside?: () => Promise<T>,
  /** How many notes the issue had when this run first read them. */
  known?: number,
): Promise<HeldLease & { alongside: Promise<T> }> {
  const note = await issues.createNote(ref, renderLeaseNote(self, LEASE_MINUTES), internal);
  const also = alongside ? alongside() : Promise.resolve(undefined as T);
  also.catch(() => undefined); // the caller awaits it, under the lease
  // As many notes as the history's read found, and ours: every page asked for at once.
  const notes = await issues.listNotes(ref, known);
  // GitLab's clock: the time it stamped on our own lease.
  const now = Date.parse(note.createdAt);
  const after = history(notes);
  const rivals = readLeases(notes, self.flag, trust).filter(
    (l) =>
      l.note.id < note.id &&
      !expired(l, now) &&
      !earlierAttempt(l, self) &&
      !recorded(l, after) &&
      l.info.run !== self.run,
  );
  const winner = rivals.sort((a, b) => a.note.id - b.note.id)[0];
  if (winner) {
    // Settled first, so that nothing this run sent is still under way when it refuses.
    await Promise.allSettled([also, issues.deleteNote(ref, note.id)]); // the lease expires anyway
    const until = new Date(Date.parse(winner.note.createdAt) + LEASE_MINUTES * 60_000);
    throw concurrentRefusal(
      self.phase,
      `${plainJob(winner.info)} is running ${winner.info.phase} on this flag (since ${winner.note.createdAt}, ${ref.webUrl}#note_${winner.note.id}). Two runs never write one flag at once: re-run when it has finished. If that run has died, its lease expires at ${until.toISOString()} (GitLab's clock), or delete that note.`,
    );
  }
  return { note, info: self, notes, alongside: also };
}

/**
 * Deletes our lease and our own leftovers for this flag (expired leases, an earlier attempt's)
 * once their runs are recorded. A failure only delays the next run until the lease expires.
 */
export async function releaseLease(
  issues: IssueStore,
  ref: IssueRef,
  held: HeldLease,
  leftovers: Lease[],
  trust: Trust,
  logger: Logger,
): Promise<void> {
  const ids = [held.note.id, ...leftovers.filter((l) => ours(trust, l.note)).map((l) => l.note.id)];
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        await issues.deleteNote(ref, id);
      } catch (error) {
        logger.warn(
          `could not remove the lease note ${ref.webUrl}#note_${id}: ${(error as Error).message}. Other runs on this flag wait until it expires (${LEASE_MINUTES} min after it was posted), or delete it by hand.`,
        );
      }
    }),
  );
}

/** For the terminal: the job's URL in full rather than as a Markdown link. */
export function plainJob(info: Pick<LeaseInfo, "job" | "by">): string {
  if (!info.job) return `a run outside CI${info.by ? ` by ${info.by}` : ""}`;
  return `job ${info.job.id}${info.job.url ? ` (${info.job.url})` : ""}`;
}
