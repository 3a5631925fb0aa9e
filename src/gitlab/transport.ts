// The HTTP layer under gitbeaker: gitbeaker builds requests (paths, params, pagination) and hands
// them to this handler, which sends them with a per-attempt timeout, retries by our policy
// (retry.ts), notes the server's clock, logs at debug level without secrets, and turns failures
// into our typed errors (errors.ts). gitbeaker's own handler is replaced entirely: it retries
// blindly and puts the request, headers and token included, into its errors. Bodies and queries
// pass the redactor on their way out.

import type { Logger } from "../report/logger.js";
import { errorForFailure, errorForStatus, type RequestInfo } from "./errors.js";
import { type SentResponse, send } from "./http-send.js";
import type { Pacer } from "./pacer.js";
import {
  type AttemptOutcome,
  DEFAULT_RETRY,
  decideRetry,
  type Repeatability,
  type RetryPolicy,
} from "./retry.js";

export interface TransportOptions {
  instance: string;
  instanceUrl: string;
  tokenEnv: string;
  timeoutMs: number;
  retry?: RetryPolicy;
  logger: Logger;
  /** Called with the server's Date header of every answer, for soak times on GitLab's clock. */
  onServerDate?: (date: Date) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Paces requests by the instance's rate-limit headers (pacer.ts). */
  pacer?: Pacer;
}

/** What gitbeaker's requester passes to a request handler (see @gitbeaker/requester-utils). */
interface HandlerOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  searchParams?: string;
  prefixUrl?: string;
  asStream?: boolean;
  signal?: AbortSignal;
}

export interface HandlerResponse {
  // biome-ignore lint/suspicious/noExplicitAny: gitbeaker's response body type, narrowed by callers with zod
  body: any;
  headers: Record<string, string>;
  status: number;
}

// Setting a flag to a value is safe to repeat, whatever went wrong the first time (the Features
// API's POST sets gates to the values sent: lib/api/features.rb); other POSTs create something
// (a note, an MR).
const SET_POST = /^features\/[^/]+$/;

function repeatabilityOf(method: string, apiPath: string): Repeatability {
  if (method !== "POST") return "safe";
  // ff-rollout sends only queries to GraphQL (src/gitlab/graphql.ts): asking again is a read.
  if (apiPath.endsWith("/api/graphql")) return "safe";
  return SET_POST.test(apiPath) ? "set" : "create";
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRequestHandler(options: TransportOptions) {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? defaultSleep;
  const log = options.logger;

  return async function handle(
    endpoint: string,
    rawOptions?: Record<string, unknown>,
  ): Promise<HandlerResponse> {
    const opts = sanitised((rawOptions ?? {}) as HandlerOptions, log);
    const method = (opts.method ?? "GET").toUpperCase();
    const base = opts.prefixUrl?.endsWith("/") ? opts.prefixUrl : `${opts.prefixUrl ?? ""}/`;
    const url = new URL(endpoint, base);
    url.search = opts.searchParams ?? "";
    // Resources carry part of the path in their prefix (IssueNotes: ".../api/v4/projects/"), so
    // messages and rules use the path below /api/v4, as GitLab's docs write it.
    const apiPath = apiRelative(url.pathname);
    const shownPath = `${apiPath}${opts.searchParams ? `?${opts.searchParams}` : ""}`;
    const info: RequestInfo = {
      instance: options.instance,
      instanceUrl: options.instanceUrl,
      tokenEnv: options.tokenEnv,
      method,
      path: apiPath,
    };
    const repeat = repeatabilityOf(method, apiPath);
    const started = Date.now();

    for (let attempt = 1; ; attempt++) {
      const attemptStart = Date.now();
      let outcome: AttemptOutcome;
      let response: SentResponse | undefined;
      let failureDetail: string | undefined;
      await options.pacer?.acquire();
      try {
        response = await send(url, {
          method,
          headers: opts.headers,
          body: opts.body,
          signal: combine(opts.signal, AbortSignal.timeout(options.timeoutMs)),
        });
        outcome = { status: response.status, retryAfter: response.headers.get("retry-after") };
      } catch (error) {
        const failure = classifyFailure(error);
        failureDetail = failure.detail;
        outcome = { failure: failure.kind };
      }
      options.pacer?.release(response?.headers, response?.status);
      const ms = Date.now() - attemptStart;

      if (response) {
        const date = response.headers.get("date");
        if (date && options.onServerDate) {
          const parsed = new Date(date);
          if (!Number.isNaN(parsed.getTime())) options.onServerDate(parsed);
        }
        log.debug(`${method} ${options.instance} ${shownPath} -> ${response.status} (${ms} ms)`);
        if (response.ok) return parse(response, info, attempt);
      } else {
        log.debug(
          `${method} ${options.instance} ${shownPath} -> ${"failure" in outcome ? outcome.failure : "?"} (${ms} ms)`,
        );
      }

      const decision = decideRetry(
        outcome,
        attempt,
        Date.now() - started,
        repeat,
        policy,
        options.random,
      );
      if (decision.retry) {
        log.debug(
          `retrying in ${decision.delayMs} ms (attempt ${attempt + 1} of ${policy.maxAttempts})`,
        );
        // Drain the body so the connection can be reused.
        await response?.arrayBuffer().catch(() => undefined);
        await sleep(decision.delayMs);
        continue;
      }
      if (response) {
        throw errorForStatus(info, response.status, await readBody(response), attempt);
      }
      const kind = "failure" in outcome ? outcome.failure : "network";
      throw errorForFailure(info, kind, options.timeoutMs, attempt, failureDetail);
    }
  };
}

/**
 * Every byte we send to GitLab passes the redactor: a note quoting an error that echoed a token,
 * a description, a query. Headers are left alone (the token travels there, on purpose).
 */
function sanitised(opts: HandlerOptions, log: Logger): HandlerOptions {
  const { redactor } = log;
  return {
    ...opts,
    ...(typeof opts.body === "string" ? { body: redactor.redact(opts.body) } : {}),
    ...(opts.searchParams ? { searchParams: redactor.redact(opts.searchParams) } : {}),
  };
}

async function parse(
  response: SentResponse,
  info: RequestInfo,
  attempts: number,
): Promise<HandlerResponse> {
  const headers = Object.fromEntries(response.headers.entries());
  if (response.status === 204) return { body: null, headers, status: response.status };
  const body = await readBody(response);
  if (body instanceof Error) throw errorForStatus(info, response.status, undefined, attempts);
  return { body, headers, status: response.status };
}

async function readBody(response: SentResponse): Promise<unknown> {
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const text = await response.text().catch(() => "");
  if (type === "application/json") {
    try {
      return text === "" ? {} : JSON.parse(text);
    } catch {
      return new Error("invalid JSON");
    }
  }
  return text;
}

function classifyFailure(error: unknown): {
  kind: "timeout" | "reset" | "refused" | "network";
  detail?: string;
} {
  const err = error as { name?: string; cause?: { code?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return { kind: "timeout" };
  const code = err?.cause?.code;
  if (code === "ECONNREFUSED") return { kind: "refused" };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return { kind: "reset" };
  // Only the error code is kept: library messages may quote the request.
  return { kind: "network", detail: code };
}

function apiRelative(pathname: string): string {
  const at = pathname.indexOf("/api/v4/");
  return at === -1 ? pathname : pathname.slice(at + "/api/v4/".length);
}

function combine(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  return a ? AbortSignal.any([a, b]) : b;
}
