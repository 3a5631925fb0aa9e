// Fault injection over real HTTP: status (429 like Rack::Attack), delay, drop, hooks, and the
// times/after counters.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  FLAG,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  singleInstanceSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
  api = client(sandbox, "dev", TOKENS.dev.admin);
});
afterEach(() => sandbox.close());

describe("status faults", () => {
  it("a 429 answers like GitLab's Rack::Attack: text body, Retry-After, RateLimit-*", async () => {
    sandbox.faults.add({ path: "/features", kind: "status", status: 429, retryAfter: 7 });
    const reply = await api("GET", "/features");
    expect(reply.status).toBe(429);
    expect(reply.text).toBe("Retry later\n");
    expect(reply.headers.get("content-type")).toBe("text/plain");
    expect(reply.headers.get("retry-after")).toBe("7");
    expect(reply.headers.get("ratelimit-remaining")).toBe("0");
    const reset = Number(reply.headers.get("ratelimit-reset"));
    expect(reset).toBe(Math.floor(sandbox.clock.now().getTime() / 1000) + 7);
    expect(sandbox.log.at(-1)).toMatchObject({ status: 429, fault: "status 429" });
  });

  it("matches by method, instance and :param pattern, and answers a custom body", async () => {
    sandbox.faults.add({
      method: "POST",
      instance: "dev",
      path: "/features/:name",
      kind: "status",
      status: 502,
      body: { message: "bad gateway" },
    });
    expect((await api("GET", "/features")).status).toBe(200);
    const reply = await api("POST", `/features/${FLAG}`, { body: { value: "true" } });
    expect(reply.status).toBe(502);
    expect(reply.json).toEqual({ message: "bad gateway" });
    expect(sandbox.state("dev").features.has(FLAG)).toBe(false);
  });

  it("times and after: skip some matching requests, then fail a number of them", async () => {
    sandbox.faults.add({ path: /^\/features/, kind: "status", status: 503, after: 1, times: 2 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await api("GET", "/features")).status);
    expect(statuses).toEqual([200, 503, 503, 200, 200]);
  });

  it("clear() removes every rule", async () => {
    sandbox.faults.add({ path: "/features", kind: "status", status: 500 });
    sandbox.faults.clear();
    expect((await api("GET", "/features")).status).toBe(200);
  });
});

describe("delay, drop and hooks", () => {
  it("a delay holds the response, which then comes normally", async () => {
    sandbox.faults.add({ path: "/features", kind: "delay", ms: 150, times: 1 });
    const started = performance.now();
    const reply = await api("GET", "/features");
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("a drop destroys the connection without any response", async () => {
    sandbox.faults.add({ path: "/features", kind: "drop", times: 1 });
    await expect(api("GET", "/features")).rejects.toThrow();
    expect(sandbox.log.at(-1)).toMatchObject({ status: 0, fault: "drop" });
    expect((await api("GET", "/features")).status).toBe(200);
  });

  it("a hook after our read edits the issue, as a person would between read and write", async () => {
    const issuePath = `/projects/${PROJECT_ID}/issues/${ISSUE_IID}`;
    sandbox.faults.add({
      method: "GET",
      path: "/projects/:id/issues/:issue_iid",
      kind: "hook",
      when: "after",
      times: 1,
      run: ({ state }) => {
        state.issue(PROJECT, ISSUE_IID).description += "\n\nA person's edit.";
      },
    });
    const read = await api<{ description: string }>("GET", issuePath);
    expect(read.json.description).not.toContain("A person's edit.");
    const again = await api<{ description: string }>("GET", issuePath);
    expect(again.json.description).toContain("A person's edit.");
  });

  it("a hook before the request changes what it sees", async () => {
    sandbox.faults.add({
      path: "/features",
      kind: "hook",
      when: "before",
      run: ({ state }) => {
        state.features.set("set_by_hook", {
          boolean: true,
          actors: [],
          groups: [],
          percentage_of_actors: 0,
          percentage_of_time: 0,
        });
      },
    });
    const reply = await api<{ name: string }[]>("GET", "/features");
    expect(reply.json.map((f) => f.name)).toEqual(["set_by_hook"]);
    expect(sandbox.log.at(-1)?.fault).toBe("hook before");
  });
});
