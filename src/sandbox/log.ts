// The request log: every API request a sandbox served, in order, for test assertions
// ("exactly one POST reached production") and for the demo's story. Token values never enter
// it: not from the query (`private_token`), not from a body, not as part of any string.

export interface RequestLogEntry {
  seq: number;
  instance: string;
  method: string;
  /** Path after /api/v4, raw (still URL-encoded), without the query string; "/api/graphql" for GraphQL. */
  path: string;
  /** "graphql" for POST /api/graphql (outside /api/v4); absent for the REST API. */
  api?: "graphql";
  /** GraphQL: the operation's name (`query readinessIssues(...)`), when it has one. */
  operation?: string;
  /** The matched pattern, e.g. "POST /features/:name"; absent when no route matched. */
  route?: string;
  query: Record<string, string | string[]>;
  /** Parsed request body. */
  body: unknown;
  /** 0 when the connection was dropped without a response. */
  status: number;
  /** Username the request authenticated as (never the token). */
  user?: string;
  /** Sandbox clock, ISO 8601. */
  at: string;
  /** The fault applied, e.g. "status 429", "delay 200ms", "drop", "hook before". */
  fault?: string;
  /** Sandbox extension: the exception behind a 500, to debug a handler or a hook. */
  error?: string;
}

export const FILTERED = "[FILTERED]";

/** The request's path as sent: "/production/api/v4/features" or "/production/api/graphql". */
export function requestPath(entry: Pick<RequestLogEntry, "instance" | "path" | "api">): string {
  return entry.api === "graphql"
    ? `/${entry.instance}${entry.path}`
    : `/${entry.instance}/api/v4${entry.path}`;
}

/** Param names whose values are secrets wherever they appear. */
const SECRET_KEYS = new Set(["private_token", "access_token", "job_token", "token", "password"]);

/** Deep copy with secret keys and every occurrence of a known secret replaced. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const secret of secrets) {
      if (secret !== "" && out.includes(secret)) out = out.split(secret).join(FILTERED);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEYS.has(key.toLowerCase()) ? FILTERED : redact(item, secrets);
    }
    return out;
  }
  return value;
}

export class RequestLog {
  /** Stable array: clear() empties it in place, so a reference held by a test stays live. */
  readonly entries: RequestLogEntry[] = [];
  private seq = 0;

  append(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    this.seq += 1;
    const full = { seq: this.seq, ...entry };
    this.entries.push(full);
    return full;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
