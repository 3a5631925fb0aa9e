// The strict sandbox harness (test/helpers/sandbox.ts) used by integration tests project-wide.

import { describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../../src/sandbox/index.js";
import { checkRequests, filterRequests, useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, standardSeed, TOKENS } from "../../helpers/seeds.js";
import { call } from "./client.js";

describe("useStrictSandbox", () => {
  const sb = useStrictSandbox(() => standardSeed());

  it("passes when every request was declared, and counts them", async () => {
    sb.expectRequests([
      "GET /production/api/v4/features",
      { request: "POST /production/api/v4/features/:name", times: 1 },
    ]);
    await call(sb.sandbox, "production", "GET", "/features", { token: TOKENS.production.admin });
    await call(sb.sandbox, "production", "POST", `/features/${FLAG}`, {
      token: TOKENS.production.admin,
      body: { value: "true" },
    });
    expect(sb.requests({ method: "POST" })).toHaveLength(1);
    expect(sb.requests("POST /production/api/v4/features/:name")[0]?.status).toBe(201);
    expect(sb.state("production").features.get(FLAG)?.boolean).toBe(true);
    expect(sb.state("dev").features.get(FLAG)?.boolean).toBe(false);
  });

  it("gives each test a fresh sandbox", async () => {
    sb.expectRequests(["GET /production/api/v4/features"]);
    const reply = await call<{ gates: unknown[] }[]>(sb.sandbox, "production", "GET", "/features", {
      token: TOKENS.production.admin,
    });
    expect(reply.json[0]?.gates).toEqual([{ key: "boolean", value: false }]);
  });
});

describe("useStrictSandbox with scope: file", () => {
  const sb = useStrictSandbox(() => standardSeed(), { scope: "file" });

  it("keeps state across tests", async () => {
    sb.expectRequests(["POST /dev/api/v4/features/:name"]);
    await call(sb.sandbox, "dev", "POST", `/features/${FLAG}`, {
      token: TOKENS.dev.admin,
      body: { value: "true" },
    });
  });

  it("but starts each test with an empty log", () => {
    expect(sb.requests()).toEqual([]);
    expect(sb.state("dev").features.get(FLAG)?.boolean).toBe(true);
  });
});

function entry(seq: number, method: string, instance: string, path: string): RequestLogEntry {
  return {
    seq,
    instance,
    method,
    path,
    query: {},
    body: {},
    status: 200,
    at: "2026-11-26T10:00:00.000Z",
  };
}

describe("checkRequests", () => {
  const log = [
    entry(1, "GET", "dev", "/features"),
    entry(2, "POST", "dev", "/features/my_flag"),
    entry(3, "GET", "dev", "/projects/gitlab-org%2Fgitlab/issues/42"),
  ];

  it("reports a request nobody declared", () => {
    const problems = checkRequests(log, [
      "GET /dev/api/v4/features",
      "POST /dev/api/v4/features/:name",
    ]);
    expect(problems[0]).toBe(
      "undeclared request #3: GET /dev/api/v4/projects/gitlab-org%2Fgitlab/issues/42 -> 200",
    );
  });

  it("reports unmet counts", () => {
    const problems = checkRequests(log, [
      "* /dev/api/v4/projects/:id/issues/:iid",
      { request: "GET /dev/api/v4/features", times: 2 },
      { request: "POST /dev/api/v4/features/:name", max: 0 },
      { request: "DELETE /dev/api/v4/features/:name", min: 1 },
    ]);
    expect(problems.slice(0, 3)).toEqual([
      '"GET /dev/api/v4/features": expected 2, got 1',
      '"POST /dev/api/v4/features/:name": expected at most 0, got 1',
      '"DELETE /dev/api/v4/features/:name": expected at least 1, got 0',
    ]);
  });

  it("an unencoded project path does not match a :id pattern", () => {
    const problems = checkRequests(
      [entry(1, "GET", "dev", "/projects/gitlab-org/gitlab")],
      ["GET /dev/api/v4/projects/:id"],
    );
    expect(problems[0]).toMatch(/^undeclared request #1/);
  });

  it("filters by instance, method, path pattern and route", () => {
    expect(filterRequests(log, { path: "/features/:name" }).map((e) => e.seq)).toEqual([2]);
    expect(filterRequests(log, { method: "get", instance: "dev" }).map((e) => e.seq)).toEqual([
      1, 3,
    ]);
    expect(filterRequests(log, { instance: "production" })).toEqual([]);
  });
});
