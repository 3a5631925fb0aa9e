// IssuableFinder's filters and ordering, and git's branch name rules.

import { describe, expect, it } from "vitest";
import {
  filterIssuables,
  type Issuable,
  matchesLabels,
  sortIssuables,
} from "../../../src/sandbox/issuable-filter.js";
import { isValidBranchName } from "../../../src/sandbox/ref-names.js";

const item = (id: number, extra: Partial<Issuable> = {}): Issuable => ({
  id,
  iid: id,
  title: `Item ${id}`,
  description: "",
  labels: [],
  authorId: 1,
  assigneeIds: [],
  milestoneId: null,
  createdAt: `2026-01-0${id}T00:00:00Z`,
  updatedAt: `2026-01-0${id}T00:00:00Z`,
  ...extra,
});

describe("issuable filters", () => {
  it("matches labels: all of them, None, Any", () => {
    expect(matchesLabels(["a", "b"], ["a", "b"])).toBe(true);
    expect(matchesLabels(["a"], ["a", "b"])).toBe(false);
    expect(matchesLabels([], ["None"])).toBe(true);
    expect(matchesLabels(["a"], ["any"])).toBe(true);
    expect(matchesLabels([], ["Any"])).toBe(false);
  });

  it("filters by search, iids, author, milestone and assignee", () => {
    const items = [
      item(1, { description: "Needle here", milestoneId: 7, assigneeIds: [2] }),
      item(2, { authorId: 3 }),
    ];
    expect(filterIssuables(items, { search: "NEEDLE" }).map((i) => i.id)).toEqual([1]);
    expect(filterIssuables(items, { iids: [2] }).map((i) => i.id)).toEqual([2]);
    expect(filterIssuables(items, { authorId: 3 }).map((i) => i.id)).toEqual([2]);
    expect(
      filterIssuables(items, { milestone: { title: "None", ids: [] } }).map((i) => i.id),
    ).toEqual([2]);
    expect(
      filterIssuables(items, { milestone: { title: "19.7", ids: [7] } }).map((i) => i.id),
    ).toEqual([1]);
    expect(filterIssuables(items, { assigneeId: "Any" }).map((i) => i.id)).toEqual([1]);
    expect(filterIssuables(items, { assigneeId: 2 }).map((i) => i.id)).toEqual([1]);
  });

  it("orders with the id tie-breaker and empty dates last", () => {
    const items = [item(1), item(2), item(3, { createdAt: "2026-01-01T00:00:00Z" })];
    expect(sortIssuables([...items], "created_at", "desc").map((i) => i.id)).toEqual([2, 3, 1]);
    expect(sortIssuables([...items], "created_at", "asc").map((i) => i.id)).toEqual([1, 3, 2]);
    const due = [item(1, { dueDate: null }), item(2, { dueDate: "2026-02-01" })];
    expect(sortIssuables(due, "due_date", "desc").map((i) => i.id)).toEqual([2, 1]);
  });
});

describe("isValidBranchName", () => {
  it("follows git check-ref-format and GitLab's extra rules", () => {
    for (const good of ["main", "19-6-stable-ee", "feature/x", "a.b"]) {
      expect(isValidBranchName(good)).toBe(true);
    }
    for (const bad of [
      "",
      "HEAD",
      "-x",
      "a..b",
      "a b",
      "a~1",
      "x/",
      "x.lock",
      ".x",
      "a//b",
      "a@{1}",
      "f".repeat(40),
    ]) {
      expect(isValidBranchName(bad)).toBe(false);
    }
  });
});
