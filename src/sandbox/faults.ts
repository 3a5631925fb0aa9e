// Fault injection per route, for tests in-process and over HTTP (routes/control.ts): a status
// (429 with GitLab's rate-limit headers, 500, 502...), a delay, a dropped connection, or a
// hook that changes state before or after the request is handled (a person editing the issue
// between our read and our write).

import { z } from "zod";
import type { SandboxClock } from "./clock.js";
import type { SandboxResponse } from "./http.js";
import { compilePattern } from "./router.js";
import type { InstanceState } from "./state.js";

export interface FaultHookContext {
  instance: string;
  state: InstanceState;
  clock: SandboxClock;
}

export type FaultRule = {
  instance?: string;
  method?: string;
  /** Path after /api/v4: a ":param" pattern like the routes', or a RegExp over the raw path. */
  path: string | RegExp;
  /** How many matching requests it applies to (default: all). */
  times?: number;
  /** Matching requests to let through first (default 0). */
  after?: number;
} & (
  | {
      kind: "status";
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** Seconds, for Retry-After (default 60 on a 429). */
      retryAfter?: number;
    }
  | { kind: "delay"; ms: number }
  | { kind: "drop" }
  /**
   * Runs in-process before or after the request is handled. It may be async: the request then
   * waits for it (another whole run of the tool can go on meanwhile, over HTTP), which is how
   * tests interleave concurrent runs deterministically.
   */
  | {
      kind: "hook";
      when: "before" | "after";
      run: (ctx: FaultHookContext) => void | Promise<void>;
    }
);

export interface FaultRequest {
  instance: string;
  method: string;
  rawPath: string;
}

/** What applies to one request, in rule order. */
export interface FaultPlan {
  delayMs: number;
  before: ((ctx: FaultHookContext) => void | Promise<void>)[];
  after: ((ctx: FaultHookContext) => void | Promise<void>)[];
  terminal?: { kind: "status"; response: SandboxResponse } | { kind: "drop" };
  /** For the request log. */
  labels: string[];
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  matches: (request: FaultRequest) => boolean;
  seen: number;
  applied: number;
}

export interface FaultController {
  /** Adds a rule; returns its id. */
  add(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  readonly rules: readonly FaultRule[];
}

/** GitLab's Rack::Attack answer: text/plain "Retry later\n" and RateLimit-* headers. */
function throttledResponse(now: Date, retryAfter: number): SandboxResponse {
  const reset = new Date(now.getTime() + retryAfter * 1000);
  return {
    status: 429,
    text: "Retry later\n",
    headers: {
      "RateLimit-Name": "throttle_authenticated_api",
      "RateLimit-Limit": "2000",
      "RateLimit-Observed": "2001",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": String(Math.floor(reset.getTime() / 1000)),
      "RateLimit-ResetTime": reset.toUTCString(),
      "Retry-After": String(retryAfter),
    },
  };
}

function statusResponse(rule: Extract<FaultRule, { kind: "status" }>, now: Date): SandboxResponse {
  const base: SandboxResponse =
    rule.status === 429 && rule.body === undefined
      ? throttledResponse(now, rule.retryAfter ?? 60)
      : {
          status: rule.status,
          ...(typeof rule.body === "string"
            ? { text: rule.body }
            : { body: rule.body ?? { message: `${rule.status} Sandbox fault` } }),
        };
  const headers = { ...base.headers, ...rule.headers };
  if (rule.retryAfter !== undefined) headers["Retry-After"] = String(rule.retryAfter);
  return { ...base, headers };
}

export class Faults implements FaultController {
  private active: ActiveRule[] = [];
  private nextId = 0;

  constructor(private readonly clock: SandboxClock) {}

  get rules(): readonly FaultRule[] {
    return this.active.map((entry) => entry.rule);
  }

  add(rule: FaultRule): string {
    this.nextId += 1;
    const id = `fault-${this.nextId}`;
    const pathMatches =
      typeof rule.path === "string"
        ? (
            (match) => (rawPath: string) =>
              match(rawPath) !== undefined
          )(compilePattern(rule.path))
        : (rawPath: string) => (rule.path as RegExp).test(rawPath);
    const matches = (request: FaultRequest) =>
      (rule.instance === undefined || rule.instance === request.instance) &&
      (rule.method === undefined || rule.method.toUpperCase() === request.method) &&
      pathMatches(request.rawPath);
    this.active.push({ id, rule, matches, seen: 0, applied: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.active.length;
    this.active = this.active.filter((entry) => entry.id !== id);
    return this.active.length !== before;
  }

  clear(): void {
    this.active = [];
  }

  /**
   * Every rule counts every request it matches (for `after`); the due ones apply in the order
   * they were added, until a status or drop rule ends the request.
   */
  plan(request: FaultRequest): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, before: [], after: [], labels: [] };
    for (const entry of this.active) {
      if (!entry.matches(request)) continue;
      entry.seen += 1;
      const { rule } = entry;
      if (entry.seen <= (rule.after ?? 0)) continue;
      if (rule.times !== undefined && entry.applied >= rule.times) continue;
      if (plan.terminal) continue;
      entry.applied += 1;
      switch (rule.kind) {
        case "status":
          plan.terminal = { kind: "status", response: statusResponse(rule, this.clock.now()) };
          plan.labels.push(`status ${rule.status}`);
          break;
        case "drop":
          plan.terminal = { kind: "drop" };
          plan.labels.push("drop");
          break;
        case "delay":
          plan.delayMs += rule.ms;
          plan.labels.push(`delay ${rule.ms}ms`);
          break;
        case "hook":
          (rule.when === "before" ? plan.before : plan.after).push(rule.run);
          plan.labels.push(`hook ${rule.when}`);
          break;
      }
    }
    return plan;
  }
}

/** A rule as JSON (POST /__sandbox/faults): hooks are in-process only. */
const JsonFaultRule = z
  .strictObject({
    instance: z.string().optional(),
    method: z.string().optional(),
    path: z.union([
      z.string().min(1),
      z.strictObject({ regex: z.string(), flags: z.string().optional() }),
    ]),
    times: z.number().int().positive().optional(),
    after: z.number().int().nonnegative().optional(),
    kind: z.enum(["status", "delay", "drop"]),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    retryAfter: z.number().int().nonnegative().optional(),
    ms: z.number().nonnegative().optional(),
  })
  .refine((rule) => rule.kind !== "status" || rule.status !== undefined, {
    message: "a status rule needs `status`",
  })
  .refine((rule) => rule.kind !== "delay" || rule.ms !== undefined, {
    message: "a delay rule needs `ms`",
  });

export function faultRuleFromJson(input: unknown): FaultRule {
  const rule = JsonFaultRule.parse(input);
  const path =
    typeof rule.path === "string" ? rule.path : new RegExp(rule.path.regex, rule.path.flags);
  const match = {
    instance: rule.instance,
    method: rule.method,
    path,
    times: rule.times,
    after: rule.after,
  };
  switch (rule.kind) {
    case "status":
      return {
        ...match,
        kind: "status",
        status: rule.status ?? 500,
        body: rule.body,
        headers: rule.headers,
        retryAfter: rule.retryAfter,
      };
    case "delay":
      return { ...match, kind: "delay", ms: rule.ms ?? 0 };
    case "drop":
      return { ...match, kind: "drop" };
  }
}
