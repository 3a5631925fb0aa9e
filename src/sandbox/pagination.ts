// Offset pagination as every GitLab list endpoint does it (lib/api/pagination_params.rb,
// lib/gitlab/pagination/offset_pagination.rb, lib/gitlab/pagination/offset_header_builder.rb,
// Kaminari underneath): page/per_page params, X-* headers and a Link header.

import { grapeError, type Params } from "./http.js";
import { declareParams } from "./params.js";

export const DEFAULT_PER_PAGE = 20;
/** Kaminari's max_per_page in GitLab: larger values are clamped, not refused. */
export const MAX_PER_PAGE = 100;
/** Above this many records GitLab stops counting: no X-Total, X-Total-Pages or rel="last". */
export const MAX_COUNT_LIMIT = 10_000;

export interface PageRequest {
  page: number;
  /** Effective page size (after clamping). */
  perPage: number;
  /** What the client asked for; the Link header repeats it verbatim. */
  requestedPerPage: number;
}

export function readPageRequest(input: Params): PageRequest {
  const declared = declareParams(input, {
    params: [
      { name: "page", type: "integer", default: 1 },
      { name: "per_page", type: "integer", default: DEFAULT_PER_PAGE, exceptValues: [0] },
    ],
  });
  const page = declared.page as number;
  const requestedPerPage = declared.per_page as number;
  // PaginationParams#verify_pagination_params! refuses zero and negative values.
  if (page < 1) throw pageError("page");
  if (requestedPerPage < 1) throw pageError("per_page");
  return { page, perPage: Math.min(requestedPerPage, MAX_PER_PAGE), requestedPerPage };
}

function pageError(name: string) {
  return grapeError(400, `${name} does not have a valid value`);
}

/** CGI.escape: everything but letters, digits and `_.-~` is %-encoded; a space is `+`. */
function cgiEscape(text: string): string {
  return Array.from(new TextEncoder().encode(text))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      if (/[A-Za-z0-9_.\-~]/.test(char)) return char;
      if (char === " ") return "+";
      return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

/** Rails' Hash#to_query: `key=value` pairs, arrays as `key[]=`, sorted. */
export function toQuery(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) pairs.push(`${cgiEscape(`${key}[]`)}=${cgiEscape(String(item))}`);
    } else if (value !== null && typeof value === "object") {
    } else {
      pairs.push(`${cgiEscape(key)}=${cgiEscape(value === null ? "" : String(value))}`);
    }
  }
  return pairs.sort().join("&");
}

export interface PageResult<T> {
  items: T[];
  headers: Record<string, string>;
}

export interface PaginateOptions {
  request: PageRequest;
  /** The URL as requested: the Link header keeps its scheme, host and (encoded) path. */
  url: URL;
  /**
   * Every param of the request as Grape holds it (route params, given params, declared
   * defaults): the Link header repeats them all, as GitLab's does.
   */
  linkParams: Record<string, unknown>;
  /** paginate(..., without_count: true): no totals and no rel="last", whatever the size. */
  withoutCount?: boolean;
}

export function paginate<T>(all: readonly T[], options: PaginateOptions): PageResult<T> {
  const { page, perPage, requestedPerPage } = options.request;
  const total = all.length;
  const counted = !options.withoutCount && total <= MAX_COUNT_LIMIT;
  const items = all.slice((page - 1) * perPage, page * perPage);
  const totalPages = Math.ceil(total / perPage);
  // Kaminari: no next/prev page when the page is out of range (beyond the last).
  const outOfRange = counted ? page > totalPages : items.length === 0;
  const hasNext = !outOfRange && page * perPage < total;
  const nextPage = hasNext ? page + 1 : null;
  const prevPage = page > 1 && !outOfRange ? page - 1 : null;

  const href = (target: number): string => {
    const query = toQuery({ ...options.linkParams, page: target, per_page: requestedPerPage });
    return `${options.url.origin}${options.url.pathname}?${query}`;
  };
  const links: string[] = [];
  if (prevPage !== null) links.push(`<${href(prevPage)}>; rel="prev"`);
  if (nextPage !== null) links.push(`<${href(nextPage)}>; rel="next"`);
  links.push(`<${href(1)}>; rel="first"`);
  if (counted) links.push(`<${href(Math.max(totalPages, 1))}>; rel="last"`);

  const headers: Record<string, string> = {
    "X-Per-Page": String(perPage),
    "X-Page": String(page),
    "X-Next-Page": nextPage === null ? "" : String(nextPage),
    "X-Prev-Page": prevPage === null ? "" : String(prevPage),
    Link: links.join(", "),
  };
  if (counted) {
    headers["X-Total"] = String(total);
    // "Ensure there is in total at least 1 page" (offset_pagination.rb).
    headers["X-Total-Pages"] = String(Math.max(totalPages, 1));
  }
  return { items, headers };
}
