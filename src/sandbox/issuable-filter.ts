// Filtering and ordering shared by the issue and merge request lists (IssuableFinder):
// labels (all must match; "None" and "Any" are special), search over title and description,
// iids, milestone title, author, and the order with its id tie-breaker.

export interface Issuable {
  id: number;
  iid: number;
  title: string;
  description: string;
  labels: string[];
  authorId: number;
  assigneeIds: number[];
  milestoneId: number | null;
  createdAt: string;
  updatedAt: string;
  dueDate?: string | null;
  mergedAt?: string | null;
}

export interface IssuableFilter {
  labels?: string[];
  search?: string;
  iids?: number[];
  /** Milestone title, or "None" / "Any". */
  milestone?: { title: string; ids: number[] };
  authorId?: number;
  /** A user id, or "None" / "Any". */
  assigneeId?: number | string;
}

/** IssuableFinder#by_label: every given label, or FILTER_NONE / FILTER_ANY (any case). */
export function matchesLabels(labels: readonly string[], wanted: readonly string[] | undefined) {
  if (!wanted || wanted.length === 0) return true;
  const only = wanted.length === 1 ? wanted[0]?.toLowerCase() : undefined;
  if (only === "none") return labels.length === 0;
  if (only === "any") return labels.length > 0;
  return wanted.every((label) => labels.includes(label));
}

/** Issuable.search: the text in the title or the description, any case. */
export function matchesSearch(item: Pick<Issuable, "title" | "description">, search?: string) {
  if (search === undefined || search === "") return true;
  const wanted = search.toLowerCase();
  return (
    item.title.toLowerCase().includes(wanted) || item.description.toLowerCase().includes(wanted)
  );
}

function special(value: number | string | undefined, present: boolean): boolean | undefined {
  if (typeof value !== "string") return undefined;
  if (value.toLowerCase() === "none") return !present;
  if (value.toLowerCase() === "any") return present;
  return undefined;
}

export function filterIssuables<T extends Issuable>(items: readonly T[], f: IssuableFilter): T[] {
  return items.filter((item) => {
    if (!matchesLabels(item.labels, f.labels)) return false;
    if (!matchesSearch(item, f.search)) return false;
    if (f.iids && f.iids.length > 0 && !f.iids.includes(item.iid)) return false;
    if (f.authorId !== undefined && item.authorId !== f.authorId) return false;
    if (f.milestone) {
      const bySpecial = special(f.milestone.title, item.milestoneId !== null);
      if (bySpecial === false) return false;
      if (bySpecial === undefined && !f.milestone.ids.includes(item.milestoneId ?? -1)) {
        return false;
      }
    }
    if (f.assigneeId !== undefined) {
      const bySpecial = special(f.assigneeId, item.assigneeIds.length > 0);
      if (bySpecial === false) return false;
      if (bySpecial === undefined && !item.assigneeIds.includes(Number(f.assigneeId))) {
        return false;
      }
    }
    return true;
  });
}

type OrderKey = "created_at" | "updated_at" | "title" | "due_date" | "merged_at";

/** reorder(order_by => sort) with the id tie-breaker in the same direction. */
export function sortIssuables<T extends Issuable>(items: T[], orderBy: string, sort: string): T[] {
  const direction = sort === "asc" ? 1 : -1;
  const value = (item: T): string => {
    switch (orderBy as OrderKey) {
      case "updated_at":
        return item.updatedAt;
      case "title":
        return item.title.toLowerCase();
      case "due_date":
        return item.dueDate ?? "";
      case "merged_at":
        return item.mergedAt ?? "";
      default:
        return item.createdAt;
    }
  };
  return items.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    // NULLS LAST for the dates that can be empty, whatever the direction.
    if (x === "" && y !== "") return 1;
    if (y === "" && x !== "") return -1;
    return direction * (x.localeCompare(y) || a.id - b.id);
  });
}
