// Cursor pagination as GitLab's keyset connections do it (lib/gitlab/graphql/pagination/keyset):
// the cursor is base64 JSON of the ordering values of the row it points at, so a page asked
// "after" a row starts right after it, whatever was added or removed since. At most 100 nodes a
// page (GitlabSchema default_max_page_size); a larger `first` is cut to 100.

import { FieldError } from "./types.js";

export const MAX_PAGE_SIZE = 100;

export interface Connection<T> {
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Ordering values of a row: what its cursor carries. */
export type Key = { [column: string]: string };

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64").replace(/=+$/, "");
}

function decodeCursor(cursor: string): Key {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Key;
  } catch {
    // reported below
  }
  throw new FieldError("Please provide a valid cursor");
}

/**
 * One page of rows already in their order. `compare(row, key)` says where a row stands
 * relative to a cursor's key in that order (negative: before it).
 */
export function connection<T>(
  rows: readonly T[],
  args: Record<string, unknown>,
  keyOf: (row: T) => Key,
  compare: (row: T, key: Key) => number,
): Connection<T> {
  for (const name of ["first", "last"]) {
    const n = args[name];
    if (typeof n === "number" && n < 0)
      throw new FieldError(`Argument '${name}' on Field 'nodes' cannot be less than 0`);
  }
  let start = 0;
  let end = rows.length;
  if (typeof args.after === "string") {
    const key = decodeCursor(args.after);
    const at = rows.findIndex((row) => compare(row, key) > 0);
    start = at < 0 ? rows.length : at;
  }
  if (typeof args.before === "string") {
    const key = decodeCursor(args.before);
    const at = rows.findIndex((row) => compare(row, key) >= 0);
    end = Math.max(start, at < 0 ? rows.length : at);
  }
  const first = typeof args.first === "number" ? Math.min(args.first, MAX_PAGE_SIZE) : undefined;
  const last = typeof args.last === "number" ? Math.min(args.last, MAX_PAGE_SIZE) : undefined;
  let from = start;
  let to = end;
  if (first !== undefined) to = Math.min(end, from + first);
  if (last !== undefined) from = Math.max(from, to - last);
  if (first === undefined && last === undefined) to = Math.min(end, from + MAX_PAGE_SIZE);
  const nodes = rows.slice(from, to);
  return {
    nodes,
    pageInfo: {
      hasNextPage: to < end,
      hasPreviousPage: from > start,
      startCursor: nodes.length > 0 ? encodeCursor(keyOf(nodes[0]!)) : null,
      endCursor: nodes.length > 0 ? encodeCursor(keyOf(nodes[nodes.length - 1]!)) : null,
    },
  };
}
