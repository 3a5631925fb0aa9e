// THE DEMO'S METRICS STAND-IN, not a Prometheus. `npm run demo` must run on a machine with no
// Prometheus installed, so the demo starts this small server instead: it answers Prometheus's
// HTTP query API (GET or POST /api/v1/query and /api/v1/query_range) in the shapes Prometheus
// documents (docs/querying/api.md: {status, data: {resultType, result}}, values as
// [unix seconds, "text"], errors as {status: "error", errorType, error} with 400), but it does not
// evaluate PromQL: it serves series the demo scripts, one per query text (the default health
// checks' queries). Any other query gets an empty vector, as Prometheus answers for a metric it
// has no series of, with a warning saying why. The tests never use it: they run a real
// Prometheus (test/helpers/prometheus.ts).

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A value that holds from `from` (ms, the sandbox's clock) until the next change. */
interface Change {
  from: number;
  value: number;
}

/** One scripted series: its value before any change, and the changes in time order. */
interface Script {
  base: number;
  changes: Change[];
}

// Prometheus's own limit on points per series of a range query (web/api/v1/api.go).
const MAX_POINTS = 11_000;

export interface DemoMetrics {
  /** Base URL of the query API, for health.prometheus.url. */
  readonly url: string;
  /** Serves `query` with `base` before any change. */
  define(query: string, base: number): void;
  /** From `at` on, `query` is about `value`. */
  change(query: string, at: Date, value: number): void;
  /** The value served for `query` at `at` (what the demo tells, and what the API answers). */
  valueAt(query: string, at: Date): number | undefined;
  close(): Promise<void>;
}

export async function startDemoMetrics(): Promise<DemoMetrics> {
  const scripts = new Map<string, Script>();
  const valueAt = (query: string, ms: number): number | undefined => {
    const script = scripts.get(query);
    if (!script) return undefined;
    const last = script.changes.filter((c) => c.from <= ms).at(-1);
    // A slow, deterministic wobble (+-4 %), so the figures read like traffic, not constants.
    return (last?.value ?? script.base) * (1 + 0.04 * Math.sin(ms / 97_000));
  };
  const server = createServer((req, res) => {
    readForm(req)
      .then((params) => answer(req, res, params, valueAt))
      .catch(() => send(res, 400, error("bad_data", "error parsing form values")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    define(query, base) {
      scripts.set(query, { base, changes: [] });
    },
    change(query, at, value) {
      const script = scripts.get(query);
      if (!script) throw new Error(`the demo's metrics have no series for ${query}`);
      script.changes.push({ from: at.getTime(), value });
      script.changes.sort((a, b) => a.from - b.from);
    },
    valueAt: (query, at) => valueAt(query, at.getTime()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ValueAt = (query: string, ms: number) => number | undefined;

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  params: URLSearchParams,
  valueAt: ValueAt,
): void {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path !== "/api/v1/query" && path !== "/api/v1/query_range") {
    // Prometheus's router answers unknown paths in plain text.
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("404 page not found\n");
    return;
  }
  if (req.method !== "GET" && req.method !== "POST") {
    res.writeHead(405, { "content-type": "text/plain; charset=utf-8" }).end("Method Not Allowed\n");
    return;
  }
  const query = params.get("query") ?? "";
  if (query.trim() === "") {
    send(
      res,
      400,
      error(
        "bad_data",
        'invalid parameter "query": 1:1: parse error: no expression found in input',
      ),
    );
    return;
  }
  if (path === "/api/v1/query") {
    const time = params.has("time") ? parseTime(params.get("time") ?? "") : Date.now() / 1000;
    if (time === undefined) {
      send(res, 400, invalidParam("time", params.get("time"), "timestamp"));
      return;
    }
    const value = valueAt(query, time * 1000);
    const result = value === undefined ? [] : [{ metric: {}, value: [time, text(value)] }];
    send(res, 200, success("vector", result, value === undefined ? [unknown(query)] : []));
    return;
  }
  const start = parseTime(params.get("start") ?? "");
  if (start === undefined) {
    send(res, 400, invalidParam("start", params.get("start"), "timestamp"));
    return;
  }
  const end = parseTime(params.get("end") ?? "");
  if (end === undefined) {
    send(res, 400, invalidParam("end", params.get("end"), "timestamp"));
    return;
  }
  if (end < start) {
    send(
      res,
      400,
      error("bad_data", 'invalid parameter "end": end timestamp must not be before start time'),
    );
    return;
  }
  const step = parseDuration(params.get("step") ?? "");
  if (step === undefined) {
    send(res, 400, invalidParam("step", params.get("step"), "duration"));
    return;
  }
  if (step <= 0) {
    send(
      res,
      400,
      error(
        "bad_data",
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      ),
    );
    return;
  }
  if ((end - start) / step > MAX_POINTS) {
    send(
      res,
      400,
      error(
        "bad_data",
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
      ),
    );
    return;
  }
  const values: [number, string][] = [];
  for (let t = start; t <= end; t += step) {
    const value = valueAt(query, t * 1000);
    if (value !== undefined) values.push([round(t), text(value)]);
  }
  const result = values.length === 0 ? [] : [{ metric: {}, values }];
  send(res, 200, success("matrix", result, values.length === 0 ? [unknown(query)] : []));
}

function success(resultType: string, result: unknown[], warnings: string[]) {
  return {
    status: "success",
    data: { resultType, result },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function error(errorType: string, message: string) {
  return { status: "error", errorType, error: message };
}

function invalidParam(name: string, raw: string | null, what: "timestamp" | "duration") {
  return error(
    "bad_data",
    `invalid parameter "${name}": cannot parse "${raw ?? ""}" to a valid ${what}`,
  );
}

function unknown(query: string): string {
  return `the demo's metrics stand-in serves only the series the demo scripts; it has none for ${query}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Unix seconds (decimals allowed) or RFC 3339, as Prometheus accepts them. */
function parseTime(raw: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  return undefined;
}

/** Seconds (decimals allowed) or a Prometheus duration such as 1m30s. */
function parseDuration(raw: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const units: Record<string, number> = {
    ms: 0.001,
    s: 1,
    m: 60,
    h: 3600,
    d: 86_400,
    w: 604_800,
    y: 31_536_000,
  };
  const parts = [...raw.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== raw) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] ?? ""] ?? 0), 0);
}

/** Prometheus writes sample values as text: "0.0021", "NaN", "+Inf". */
function text(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(Number(value.toPrecision(6)));
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** The query string, or for a POST its form-encoded body (Prometheus accepts both). */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const params = new URL(req.url ?? "/", "http://x").searchParams;
  if (req.method !== "POST") return params;
  let body = "";
  for await (const chunk of req) body += chunk;
  for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  return params;
}
