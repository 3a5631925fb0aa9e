// The request log records every API request, and never a token value.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { FLAG, SEED_CLOCK, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";
import { call } from "./client.js";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
});
afterEach(() => sandbox.close());

describe("request log", () => {
  it("records method, raw path, route, parsed query and body, status, user and time", async () => {
    await call(sandbox, "dev", "POST", `/features/${FLAG}?force=true`, {
      token: TOKENS.dev.admin,
      body: { value: "25" },
    });
    await call(sandbox, "dev", "GET", "/projects/gitlab-org%2Fgitlab");
    expect(sandbox.log).toEqual([
      {
        seq: 1,
        instance: "dev",
        method: "POST",
        path: `/features/${FLAG}`,
        route: "POST /features/:name",
        query: { force: "true" },
        body: { value: "25" },
        status: 201,
        user: "rollout-admin",
        at: SEED_CLOCK,
      },
      {
        seq: 2,
        instance: "dev",
        method: "GET",
        path: "/projects/gitlab-org%2Fgitlab",
        route: "GET /projects/:id",
        query: {},
        body: {},
        status: 401,
        at: SEED_CLOCK,
      },
    ]);
  });

  it("never contains a token: not from the query, a body, a header or an unknown token", async () => {
    await call(sandbox, "dev", "GET", "/user", { token: TOKENS.dev.admin, tokenIn: "query" });
    await call(sandbox, "dev", "GET", "/user", { token: TOKENS.dev.user, tokenIn: "bearer" });
    await call(sandbox, "dev", "POST", `/features/${FLAG}`, {
      token: TOKENS.dev.admin,
      body: {
        value: "true",
        private_token: TOKENS.dev.admin,
        note: `pasted ${TOKENS.dev.user} by mistake`,
      },
    });
    await call(sandbox, "dev", "GET", "/user?private_token=unknown-secret-value");
    await call(sandbox, "dev", "PUT", `/projects/1/issues/1?private_token=${TOKENS.dev.readOnly}`, {
      form: { title: "x" },
    });
    const text = JSON.stringify(sandbox.log);
    for (const secret of [
      TOKENS.dev.admin,
      TOKENS.dev.user,
      TOKENS.dev.readOnly,
      "unknown-secret-value",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(sandbox.log[0]?.query).toEqual({ private_token: "[FILTERED]" });
    expect(sandbox.log[2]?.body).toEqual({
      value: "true",
      private_token: "[FILTERED]",
      note: "pasted [FILTERED] by mistake",
    });
  });

  it("clearLog empties the same array", async () => {
    const log = sandbox.log;
    await call(sandbox, "dev", "GET", "/user");
    sandbox.clearLog();
    expect(log).toHaveLength(0);
    await call(sandbox, "dev", "GET", "/user");
    expect(log).toHaveLength(1);
  });
});
