// The /__sandbox control routes, as an end-to-end test drives a sandbox in another process.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { FLAG, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
  api = client(sandbox, "dev", TOKENS.dev.admin);
});
afterEach(() => sandbox.close());

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
};

describe("/__sandbox", () => {
  it("adds faults from JSON (string pattern or regex), lists and clears them", async () => {
    const added = await control("POST", "/faults", {
      path: "/features/:name",
      method: "POST",
      kind: "status",
      status: 429,
      times: 1,
    });
    expect(added.status).toBe(201);
    expect(added.json.id).toMatch(/^fault-/);
    await control("POST", "/faults", { path: { regex: "^/user$" }, kind: "status", status: 500 });
    expect((await control("GET", "/faults")).json).toHaveLength(2);
    expect((await api("POST", `/features/${FLAG}`, { body: { value: "true" } })).status).toBe(429);
    expect((await api("GET", "/user")).status).toBe(500);
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await api("GET", "/user")).status).toBe(200);
  });

  it("refuses an invalid rule and hooks", async () => {
    expect((await control("POST", "/faults", { path: "/x", kind: "status" })).status).toBe(400);
    expect(
      (await control("POST", "/faults", { path: "/x", kind: "hook", when: "before" })).status,
    ).toBe(400);
  });

  it("reads and empties the log; control requests are not logged", async () => {
    await api("GET", "/user");
    const log = await control("GET", "/log");
    expect(log.json).toHaveLength(1);
    expect(log.json[0]).toMatchObject({
      seq: 1,
      instance: "dev",
      method: "GET",
      path: "/user",
      route: "GET /user",
      status: 200,
      user: "rollout-admin",
    });
    expect((await control("DELETE", "/log")).status).toBe(204);
    expect((await control("GET", "/log")).json).toEqual([]);
    expect(sandbox.log).toEqual([]);
  });

  it("moves the clock, which the Date header follows", async () => {
    const moved = await control("POST", "/clock", { advance_ms: 3_600_000 });
    expect(moved.json.now).toBe("2026-11-26T11:00:00.000Z");
    const set = await control("POST", "/clock", { now: "2027-01-01T00:00:00Z" });
    expect(set.json.now).toBe("2027-01-01T00:00:00.000Z");
    const response = await fetch(`${sandbox.instanceUrl("dev")}/api/v4/user`, {
      headers: { "PRIVATE-TOKEN": TOKENS.dev.admin },
    });
    expect(response.headers.get("date")).toBe("Fri, 01 Jan 2027 00:00:00 GMT");
    expect((await control("POST", "/clock", { advance_ms: "soon" })).status).toBe(400);
  });

  it("shows an instance's state without token values", async () => {
    await api("POST", `/features/${FLAG}`, { body: { value: "true" } });
    const state = await control("GET", "/state/dev");
    expect(state.json.features[FLAG]).toMatchObject({ boolean: true });
    expect(JSON.stringify(state.json)).not.toContain(TOKENS.dev.admin);
    expect((await control("GET", "/state/nowhere")).status).toBe(404);
    expect((await control("GET", "/instances")).json).toEqual([
      { name: "dev", url: sandbox.instanceUrl("dev") },
    ]);
  });
});
