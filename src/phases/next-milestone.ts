// "Set the next milestone on this rollout issue": the active milestone of the project or its
// groups that starts after the release's milestone. Milestones are ordered by their start date
// (their due date when they have no start); two milestones of which one has no dates are
// ordered by their titles when both are versions (19.7 < 19.8 < 19.10), as GitLab's are.

import type { ReleaseStepsFacts } from "../engine/release-facts.js";
import type { Milestone } from "../gitlab/issues.js";

export type NextMilestone =
  | { kind: "done"; detail: string }
  | { kind: "set"; next: Milestone }
  | { kind: "unknown"; detail: string };

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

/** The day a milestone starts, as far as its dates say. */
function day(m: Milestone): string | null {
  return m.startDate ?? m.dueDate;
}

function version(m: Milestone): number[] | undefined {
  const match = VERSION.exec(m.title.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

/** Negative when `a` comes before `b`, positive after, undefined when nothing orders them. */
export function compareMilestones(a: Milestone, b: Milestone): number | undefined {
  const [da, db] = [day(a), day(b)];
  if (da && db && da !== db) return da < db ? -1 : 1;
  const [va, vb] = [version(a), version(b)];
  if (va && vb) {
    for (let i = 0; i < 3; i++) if (va[i] !== vb[i]) return (va[i] ?? 0) - (vb[i] ?? 0);
    return 0;
  }
  if (da && db) return 0;
  return undefined;
}

export function nextMilestone(steps: ReleaseStepsFacts, releaseTitle: string): NextMilestone {
  const release = steps.releaseMilestone;
  if (!release) {
    return {
      kind: "unknown",
      detail: `the release's milestone ${releaseTitle} is not a milestone of ${steps.rolloutIssue.ref.project} or its groups, so the next one is unknown`,
    };
  }
  const after = (m: Milestone) => m.id !== release.id && (compareMilestones(m, release) ?? 0) > 0;
  const current = steps.rolloutMilestone;
  if (current && after(current)) {
    return {
      kind: "done",
      detail: `the rollout issue is on ${current.title}, after ${release.title}`,
    };
  }
  const candidates = steps.active
    .filter(after)
    .sort((a, b) => compareMilestones(a, b) ?? a.id - b.id);
  const next = candidates[0];
  if (!next) {
    return {
      kind: "unknown",
      detail: `no active milestone of ${steps.rolloutIssue.ref.project} or its groups starts after ${release.title}${day(release) ? ` (${day(release)})` : ""}`,
    };
  }
  return { kind: "set", next };
}
