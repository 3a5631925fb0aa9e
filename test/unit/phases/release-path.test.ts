// The release path's pure parts: which milestone comes next, and the Changelog trailer.

import { describe, expect, it } from "vitest";
import type { ReleaseStepsFacts } from "../../../src/engine/release-facts.js";
import type { Milestone } from "../../../src/gitlab/issues.js";
import { findChangelogEntry, trailers } from "../../../src/phases/changelog.js";
import { compareMilestones, nextMilestone } from "../../../src/phases/next-milestone.js";

const m = (
  id: number,
  title: string,
  startDate: string | null = null,
  dueDate: string | null = null,
): Milestone => ({
  id,
  title,
  state: "active",
  startDate,
  dueDate,
});

function steps(
  active: Milestone[],
  release: Milestone | undefined,
  current?: Milestone,
): ReleaseStepsFacts {
  return {
    rolloutIssue: {
      ref: { project: "g/p", iid: 1, webUrl: "https://x/g/p/-/issues/1" },
      title: "t",
      state: "opened",
      labels: [],
      milestoneId: current?.id ?? null,
    },
    rolloutMilestone: current,
    releaseMilestone: release,
    active,
    linked: [],
  };
}

describe("the next milestone", () => {
  const r197 = m(1, "19.7", "2026-11-13", "2026-12-10");
  it("is the active milestone that starts soonest after the release's", () => {
    const later = m(3, "19.9", "2027-01-15");
    const next = m(2, "19.8", "2026-12-11");
    const verdict = nextMilestone(steps([later, r197, next, m(4, "Backlog")], r197, r197), "19.7");
    expect(verdict).toEqual({ kind: "set", next });
  });

  it("orders milestones without dates by their version titles (19.10 after 19.9)", () => {
    const release = m(1, "19.9");
    expect(nextMilestone(steps([m(2, "19.10"), m(3, "20.0")], release), "19.9")).toMatchObject({
      kind: "set",
      next: { title: "19.10" },
    });
    expect(compareMilestones(m(1, "Backlog"), m(2, "19.8", "2026-12-11"))).toBeUndefined();
  });

  it("is done when the rollout issue is already on a later milestone", () => {
    const chosen = m(5, "20.1", "2027-04-15");
    expect(nextMilestone(steps([chosen], r197, chosen), "19.7").kind).toBe("done");
  });

  it("is unknown without a later active milestone, or when the release's is not found", () => {
    expect(nextMilestone(steps([r197], r197, r197), "19.7")).toEqual({
      kind: "unknown",
      detail: "no active milestone of g/p or its groups starts after 19.7 (2026-11-13)",
    });
    expect(nextMilestone(steps([r197], undefined), "19.7").kind).toBe("unknown");
  });
});

describe("the Changelog trailer", () => {
  it("is read from the last paragraph only when all of it is trailers, as git does", () => {
    expect(trailers("Subject\n\nBody.\n\nChangelog: added\nSigned-off-by: A <a@x>\n")).toEqual([
      ["Changelog", "added"],
      ["Signed-off-by", "A <a@x>"],
    ]);
    expect(trailers("Changelog: added")).toEqual([]);
    expect(trailers("Subject\n\nChangelog: added\nand some prose")).toEqual([]);
    expect(trailers("Subject\r\n\r\nChangelog: fixed\r\n")).toEqual([["Changelog", "fixed"]]);
  });

  it("is found in any commit, key in any case, category one GitLab knows", () => {
    expect(
      findChangelogEntry([
        { sha: "b".repeat(40), message: "Stop reading the flag" },
        { sha: "a".repeat(40), message: "Remove the flag\n\nchangelog: Removed" },
      ]),
    ).toEqual({ found: true, sha: "a".repeat(40), category: "removed" });
    expect(
      findChangelogEntry([{ sha: "c".repeat(40), message: "Remove the flag\n\nChangelog: misc" }]),
    ).toEqual({ found: false, unknown: [{ sha: "c".repeat(40), category: "misc" }] });
    expect(findChangelogEntry([])).toEqual({ found: false, unknown: [] });
  });
});
