// A strict GitLab sandbox for integration tests: every request must be declared.
//
// Usage:
//
//   import { useStrictSandbox } from "../helpers/sandbox.js";
//   import { standardSeed, TOKENS } from "../helpers/seeds.js";
//
//   describe("rollback", () => {
//     const sb = useStrictSandbox(() => standardSeed({ flag: { boolean: true } }));
//
//     it("sets the flag false on production only", async () => {
//       sb.expectRequests([
//         "GET /production/api/v4/features",                         // any number of times
//         { request: "POST /production/api/v4/features/:name", times: 1 }, // exactly once
//       ]);
//       await rollback(sb.instanceUrl("production"), TOKENS.production.admin);
//       expect(sb.requests({ method: "POST" })).toHaveLength(1);
//       expect(sb.state("production").features.get("my_flag")?.boolean).toBe(false);
//     });
//   });
//
// A fresh sandbox (from the seed, on an ephemeral loopback port) starts before each test and
// is closed after it. After each test the log is checked: a request that matches no declared
// pattern fails the test, and so does a declared `times` / `min` / `max` that was not met.
// Patterns are "METHOD /<instance>/api/v4/<path>" (or "POST /<instance>/api/graphql") with ":param" segments (one raw segment
// each, so `:id` matches `gitlab-org%2Fgitlab`) or `*` for any method; the query string is
// ignored. `scope: "file"` shares one sandbox across a file (state carries over; the log and
// expectations are reset per test).

import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import {
  compilePattern,
  type InstanceState,
  type RequestLogEntry,
  requestPath,
  type Sandbox,
  type SandboxSeed,
  startSandbox,
} from "../../src/sandbox/index.js";

export type RequestExpectation =
  | string
  | {
      request: string;
      /** Exactly this many. */
      times?: number;
      min?: number;
      max?: number;
    };

export interface RequestFilter {
  instance?: string;
  method?: string;
  /** Pattern of the path after /api/v4, e.g. "/features/:name". */
  path?: string;
  /** The matched route, e.g. "POST /features/:name". */
  route?: string;
  status?: number;
}

interface CompiledExpectation {
  text: string;
  method: string;
  match: (path: string) => boolean;
  times?: number;
  min?: number;
  max?: number;
}

function compile(expectation: RequestExpectation): CompiledExpectation {
  const spec = typeof expectation === "string" ? { request: expectation } : expectation;
  const match = /^(\S+)\s+(\/\S*)$/.exec(spec.request.trim());
  if (!match)
    throw new Error(
      `Bad request pattern "${spec.request}": expected "METHOD /instance/api/v4/path"`,
    );
  const matcher = compilePattern(match[2] ?? "");
  return {
    text: spec.request,
    method: (match[1] ?? "").toUpperCase(),
    match: (path) => matcher(path) !== undefined,
    ...(spec.times === undefined ? {} : { times: spec.times }),
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max }),
  };
}

/** "POST /production/api/v4/features/my_flag" for a log entry. */
export function describeEntry(entry: RequestLogEntry): string {
  return `${entry.method} ${requestPath(entry)}`;
}

/**
 * The problems of a log against expectations: undeclared requests and unmet counts.
 * Exported for the harness's own tests.
 */
export function checkRequests(
  log: readonly RequestLogEntry[],
  expectations: readonly RequestExpectation[],
): string[] {
  const compiled = expectations.map(compile);
  const counts = new Map<CompiledExpectation, number>();
  const problems: string[] = [];
  for (const entry of log) {
    const path = requestPath(entry);
    const found = compiled.find(
      (c) => (c.method === "*" || c.method === entry.method) && c.match(path),
    );
    if (found) counts.set(found, (counts.get(found) ?? 0) + 1);
    else
      problems.push(`undeclared request #${entry.seq}: ${describeEntry(entry)} -> ${entry.status}`);
  }
  for (const c of compiled) {
    const n = counts.get(c) ?? 0;
    if (c.times !== undefined && n !== c.times)
      problems.push(`"${c.text}": expected ${c.times}, got ${n}`);
    if (c.min !== undefined && n < c.min)
      problems.push(`"${c.text}": expected at least ${c.min}, got ${n}`);
    if (c.max !== undefined && n > c.max)
      problems.push(`"${c.text}": expected at most ${c.max}, got ${n}`);
  }
  if (problems.length > 0 && compiled.length > 0) {
    problems.push(`declared: ${compiled.map((c) => c.text).join("; ")}`);
  }
  return problems;
}

export function filterRequests(
  log: readonly RequestLogEntry[],
  filter: RequestFilter | string = {},
): RequestLogEntry[] {
  if (typeof filter === "string") {
    const c = compile(filter);
    return log.filter(
      (e) => (c.method === "*" || c.method === e.method) && c.match(requestPath(e)),
    );
  }
  const pathMatch = filter.path === undefined ? undefined : compilePattern(filter.path);
  return log.filter(
    (e) =>
      (filter.instance === undefined || e.instance === filter.instance) &&
      (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
      (pathMatch === undefined || pathMatch(e.path) !== undefined) &&
      (filter.route === undefined || e.route === filter.route) &&
      (filter.status === undefined || e.status === filter.status),
  );
}

export interface StrictSandbox {
  /** The running sandbox (inside a test). */
  readonly sandbox: Sandbox;
  readonly url: string;
  instanceUrl(name: string): string;
  /** http://127.0.0.1:PORT/<name>/api/v4 */
  apiUrl(name: string): string;
  state(name: string): InstanceState;
  /** Declares requests this test may make (adds to earlier declarations). */
  expectRequests(expectations: readonly RequestExpectation[]): void;
  /** Log entries matching a filter or a "METHOD /instance/api/v4/path" pattern. */
  requests(filter?: RequestFilter | string): RequestLogEntry[];
}

export function useStrictSandbox(
  seed: SandboxSeed | (() => SandboxSeed),
  options: { scope?: "each" | "file" } = {},
): StrictSandbox {
  let current: Sandbox | undefined;
  let expectations: RequestExpectation[] = [];
  const start = async () => {
    current = await startSandbox({ seed: typeof seed === "function" ? seed() : seed });
  };
  const stop = async () => {
    await current?.close();
    current = undefined;
  };
  const running = (): Sandbox => {
    if (!current) throw new Error("The strict sandbox runs only inside a test (after beforeEach).");
    return current;
  };

  if (options.scope === "file") {
    beforeAll(start);
    afterAll(stop);
    beforeEach(() => running().clearLog());
  } else {
    beforeEach(start);
  }
  afterEach(async () => {
    const sandbox = running();
    const problems = checkRequests(sandbox.log, expectations);
    expectations = [];
    sandbox.faults.clear();
    if (options.scope !== "file") await stop();
    if (problems.length > 0) {
      throw new Error(
        `Strict sandbox: requests differ from the declared ones:\n  ${problems.join("\n  ")}`,
      );
    }
  });

  return {
    get sandbox() {
      return running();
    },
    get url() {
      return running().url;
    },
    instanceUrl: (name) => running().instanceUrl(name),
    apiUrl: (name) => `${running().instanceUrl(name)}/api/v4`,
    state: (name) => running().state(name),
    expectRequests(more) {
      for (const expectation of more) compile(expectation); // fail fast on a malformed pattern
      expectations.push(...more);
    },
    requests: (filter) => filterRequests(running().log, filter),
  };
}
