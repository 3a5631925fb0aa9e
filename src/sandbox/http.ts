// HTTP plumbing shared by every route: GitLab-shaped responses and errors, request bodies
// (JSON, urlencoded) and query strings parsed the way Rack does.

import type { IncomingMessage } from "node:http";

/** What a route handler returns. `body` is sent as JSON; `text` as text/plain. */
export interface SandboxResponse {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type Params = Record<string, unknown>;

/** Thrown by handlers and helpers; the server turns it into the response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === "object" ? JSON.stringify(body) : String(body));
  }

  toResponse(): SandboxResponse {
    return { status: this.status, body: this.body, headers: this.headers };
  }
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): SandboxResponse => (headers ? { status, body, headers } : { status, body });

export const noContent = (): SandboxResponse => ({ status: 204 });

/** render_api_error!: `{"message": ...}` (lib/api/helpers.rb). */
export const apiError = (status: number, message: unknown): ApiError =>
  new ApiError(status, { message });

/** not_found!(resource): "404 Project Not Found"; ActiveRecord::RecordNotFound gives "404 Not found". */
export const notFound = (resource?: string): ApiError =>
  apiError(404, resource ? `404 ${resource} Not Found` : "404 Not found");

export const badRequest = (reason: string): ApiError =>
  apiError(400, `400 Bad request - ${reason}`);

export const forbidden = (reason?: string): ApiError =>
  apiError(403, reason ? `403 Forbidden - ${reason}` : "403 Forbidden");

export const unauthorized = (): ApiError => apiError(401, "401 Unauthorized");

/** Grape's own errors (params, unknown routes) use `{"error": ...}` (lib/api/api.rb). */
export const grapeError = (status: number, error: string): ApiError =>
  new ApiError(status, { error });

export const internalError = (): ApiError => apiError(500, "500 Internal Server Error");

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Rack-style form/query decoding: `a=1&a=2` keeps the last value, `a[]=1&a[]=2` makes an
 * array under `a`. `+` is a space.
 */
export function parseFormEncoded(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (text === "") return out;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    const key = safeDecode(rawKey.replace(/\+/g, " "));
    const value = safeDecode(rawValue.replace(/\+/g, " "));
    if (key.endsWith("[]")) {
      const name = key.slice(0, -2);
      const current = out[name];
      out[name] = Array.isArray(current) ? [...current, value] : [value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Parses a request body by content type. Unknown types yield no params, as on GitLab. */
export function parseBody(raw: Buffer, contentType: string | undefined): Params {
  if (raw.length === 0) return {};
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const text = raw.toString("utf8");
  if (type === "application/json" || type.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw grapeError(400, "message body does not match declared format");
    }
    // Grape merges a JSON object into params; other JSON values carry no named params.
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Params)
      : {};
  }
  if (type === "application/x-www-form-urlencoded" || type === "") return parseFormEncoded(text);
  return {};
}
