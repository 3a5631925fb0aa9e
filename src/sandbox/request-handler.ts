// One request through the sandbox: control routes, or instance prefix -> faults -> route ->
// authentication -> handler -> response, with a log entry for every API request.

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate, extractToken, requireAdmin } from "./auth.js";
import type { SandboxClock } from "./clock.js";
import type { ApiRoute, RouteContext } from "./context.js";
import type { Faults } from "./faults.js";
import { handleGraphql } from "./graphql/route.js";
import {
  ApiError,
  grapeError,
  internalError,
  type Params,
  parseBody,
  parseFormEncoded,
  readBody,
  type SandboxResponse,
} from "./http.js";
import { type RequestLog, type RequestLogEntry, redact } from "./log.js";
import { throttle } from "./rate-limit.js";
import type { Router } from "./router.js";
import type { ControlDeps, ControlRoute } from "./routes/control-route.js";
import type { InstanceState } from "./state.js";

export interface HandlerDeps {
  clock: SandboxClock;
  log: RequestLog;
  faults: Faults;
  states: ReadonlyMap<string, InstanceState>;
  apiRouter: Router<ApiRoute>;
  controlRouter: Router<ControlRoute>;
  control: ControlDeps;
  baseUrl: () => string;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 26-character id shaped like GitLab's correlation ids. */
function requestId(): string {
  return Array.from(randomBytes(26), (byte) => CROCKFORD[byte % 32]).join("");
}

/** GitLab's catch-all `route :any, '*path'` (lib/api/api.rb). */
const notFoundRoute = () => grapeError(404, "404 Not Found");

function send(
  res: ServerResponse,
  response: SandboxResponse,
  clock: SandboxClock,
  head: boolean,
): void {
  const headers: Record<string, string> = {
    Date: clock.now().toUTCString(),
    "X-Request-Id": requestId(),
    ...response.headers,
  };
  let payload = "";
  if (response.status !== 204 && response.status !== 304) {
    if (response.text !== undefined) {
      headers["Content-Type"] ??= "text/plain";
      payload = response.text;
    } else if (response.body !== undefined) {
      headers["Content-Type"] ??= "application/json";
      payload = JSON.stringify(response.body);
    }
    headers["Content-Length"] = String(Buffer.byteLength(payload));
  }
  res.writeHead(response.status, headers);
  res.end(head ? undefined : payload);
}

function allSecrets(
  states: ReadonlyMap<string, InstanceState>,
  extra: string | undefined,
): string[] {
  const secrets = [...states.values()].flatMap((state) => state.tokens.map((token) => token.token));
  if (extra) secrets.push(extra);
  // Longest first, so that a token containing another is filtered whole.
  return secrets.sort((a, b) => b.length - a.length);
}

export function createRequestHandler(deps: HandlerDeps) {
  const { clock, log, faults, states } = deps;

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    rawPath: string,
    raw: Buffer,
  ) {
    let response: SandboxResponse;
    try {
      const match = deps.controlRouter.match(req.method ?? "GET", rawPath);
      response = match
        ? match.route.handler(
            deps.control,
            match.params,
            parseBody(raw, req.headers["content-type"]),
          )
        : notFoundRoute().toResponse();
    } catch (error) {
      response =
        error instanceof ApiError
          ? error.toResponse()
          : { status: 500, body: { error: String(error) } };
    }
    send(res, response, clock, req.method === "HEAD");
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    instance: string,
    rawPath: string,
    rawQuery: string,
    api: "v4" | "graphql" = "v4",
  ) {
    const method = (req.method ?? "GET").toUpperCase();
    const head = method === "HEAD";
    const raw = await readBody(req);
    const query = parseFormEncoded(rawQuery);
    const parsedBody = safeParse(raw, req.headers["content-type"]);
    const entry: Omit<RequestLogEntry, "seq"> = {
      instance,
      method,
      path: rawPath,
      query,
      // An unparseable body is logged as its text (redacted like the rest).
      body: parsedBody ?? raw.toString("utf8"),
      status: 0,
      at: clock.now().toISOString(),
      ...(api === "graphql" ? { api } : {}),
    };
    const state = states.get(instance);
    const input: Params = { ...query, ...(parsedBody ?? {}) };
    // Known before any fault applies, so that even a faulted request's log hides the token.
    const presented = extractToken(req.headers, input);
    let rateHeaders: Record<string, string> = {};
    const finish = (response: SandboxResponse | undefined) => {
      const secrets = allSecrets(states, presented);
      entry.query = redact(entry.query, secrets) as RequestLogEntry["query"];
      entry.body = redact(entry.body, secrets);
      entry.path = redact(entry.path, secrets) as string;
      if (response) {
        entry.status = response.status;
        // API::API's before block sets these on every API response.
        const headers = {
          "X-Frame-Options": "SAMEORIGIN",
          "X-Content-Type-Options": "nosniff",
          ...rateHeaders,
          ...response.headers,
        };
        send(res, { ...response, headers }, clock, head);
      }
      log.append(entry);
    };

    if (!state) return finish(notFoundRoute().toResponse());
    const plan = faults.plan({ instance, method, rawPath });
    if (plan.labels.length > 0) entry.fault = plan.labels.join(", ");
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    if (plan.terminal?.kind === "drop") {
      finish(undefined);
      req.socket.destroy();
      return;
    }
    if (plan.terminal?.kind === "status") return finish(plan.terminal.response);
    // Rack::Attack runs before routing: even a request to an unknown route is counted.
    const rate = throttle(state, presented, clock.now());
    rateHeaders = rate?.headers ?? {};
    if (rate?.throttled) return finish(rate.throttled);

    const hookCtx = { instance, state, clock };
    let response: SandboxResponse;
    try {
      for (const hook of plan.before) await hook(hookCtx);
      if (api === "graphql") {
        // GitLab's GraphqlController: its own authentication and error shapes (graphql/route.ts).
        if (method !== "POST" && method !== "GET") throw notFoundRoute();
        entry.route = `${method} /api/graphql`;
        response = handleGraphql({
          state,
          method,
          input,
          token: presented,
          instanceUrl: `${deps.baseUrl()}/${instance}`,
        });
        const operation =
          typeof input.query === "string"
            ? /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(input.query)?.[1]
            : undefined;
        if (operation) entry.operation = operation;
        for (const hook of plan.after) await hook(hookCtx);
        return finish(response);
      }
      if (parsedBody === undefined) {
        throw grapeError(400, "message body does not match declared format");
      }
      const match = deps.apiRouter.match(method, rawPath);
      if (!match) throw notFoundRoute();
      entry.route = `${match.route.method} ${match.route.pattern}`;
      const auth = authenticate(state, presented, method, match.route.auth);
      entry.user = auth.user.username;
      requireAdmin(auth, match.route.auth);
      const ctx: RouteContext = {
        instance,
        state,
        clock,
        method,
        params: match.params,
        input,
        auth,
        requestUrl: new URL(`${deps.baseUrl()}${req.url ?? "/"}`),
        instanceUrl: `${deps.baseUrl()}/${instance}`,
      };
      response = match.route.handler(ctx);
      for (const hook of plan.after) await hook(hookCtx);
    } catch (error) {
      if (error instanceof ApiError) {
        response = error.toResponse();
      } else {
        entry.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
        response = internalError().toResponse();
      }
    }
    finish(response);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? "" : url.slice(queryAt + 1);
    try {
      if (rawPath.startsWith("/__sandbox/")) {
        await handleControl(req, res, rawPath.slice("/__sandbox".length), await readBody(req));
        return;
      }
      const graphql = /^\/([^/]+)\/api\/graphql$/.exec(rawPath);
      if (graphql) {
        await handleApi(req, res, graphql[1] ?? "", "/api/graphql", rawQuery, "graphql");
        return;
      }
      const api = /^\/([^/]+)\/api\/v4(\/.*)$/.exec(rawPath);
      if (api) {
        await handleApi(req, res, api[1] ?? "", api[2] ?? "/", rawQuery);
        return;
      }
      send(res, notFoundRoute().toResponse(), clock, req.method === "HEAD");
    } catch (error) {
      if (!res.headersSent) {
        send(
          res,
          {
            status: 500,
            body: { message: "500 Internal Server Error", sandbox_error: String(error) },
          },
          clock,
          false,
        );
      }
    }
  };
}

function safeParse(raw: Buffer, contentType: string | undefined): Params | undefined {
  try {
    return parseBody(raw, contentType);
  } catch {
    return undefined;
  }
}
