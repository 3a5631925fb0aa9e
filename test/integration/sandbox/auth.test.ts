// Authentication like GitLab's API guard: where tokens are read, the 401 variants, scopes, and
// administrators.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, type SandboxSeed, startSandbox } from "../../../src/sandbox/index.js";
import { instanceSeed, SEED_CLOCK, TOKENS } from "../../helpers/seeds.js";
import { call } from "./client.js";

const oldAdmin = {
  id: 3,
  username: "old-admin",
  name: "Old Admin",
  admin: true,
  tokens: [
    {
      id: 201,
      name: "expired",
      token: "sandbox-expired",
      scopes: ["api"],
      expires_at: "2026-11-26",
    },
    {
      id: 202,
      name: "revoked",
      token: "sandbox-revoked",
      scopes: ["api"],
      expires_at: "2027-01-01",
      revoked: true,
    },
    {
      id: 203,
      name: "profile",
      token: "sandbox-read-user",
      scopes: ["read_user"],
      expires_at: "2027-01-01",
    },
    {
      id: 204,
      name: "mode",
      token: "sandbox-admin-mode",
      scopes: ["api", "admin_mode"],
      expires_at: null,
    },
  ],
};

function seed(): SandboxSeed {
  const dev = instanceSeed("dev");
  return {
    clock: SEED_CLOCK,
    instances: {
      dev: { ...dev, users: [...dev.users, oldAdmin] },
      // An instance with Admin Mode on: the same people and tokens.
      gated: { ...dev, admin_mode: true, users: [...dev.users, oldAdmin] },
    },
  };
}

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: seed() });
});
afterEach(() => sandbox.close());

const get = (path: string, options: Parameters<typeof call>[4] = {}, instance = "dev") =>
  call(sandbox, instance, "GET", path, options);

describe("401", () => {
  it("without a token, or with an unknown one: 401 Unauthorized", async () => {
    for (const reply of [await get("/user"), await get("/user", { token: "nope" })]) {
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ message: "401 Unauthorized" });
    }
  });

  it("an expired token: invalid_token, from midnight UTC of its expiry date", async () => {
    const reply = await get("/user", { token: "sandbox-expired" });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({
      error: "invalid_token",
      error_description: "Token is expired. You can either do re-authorization or token refresh.",
    });
    expect(reply.headers.get("www-authenticate")).toBe(
      'Bearer realm="The API", error="invalid_token", error_description="Token is expired. You can either do re-authorization or token refresh."',
    );
  });

  it("a token expires when the sandbox clock reaches its date", async () => {
    expect((await get("/user", { token: TOKENS.dev.admin })).status).toBe(200);
    sandbox.clock.set("2027-06-30T00:00:00Z");
    expect((await get("/user", { token: TOKENS.dev.admin })).status).toBe(401);
  });

  it("a revoked token: invalid_token, revoked", async () => {
    const reply = await get("/user", { token: "sandbox-revoked" });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({
      error: "invalid_token",
      error_description: "Token was revoked. You have to re-authorize from the user.",
    });
  });
});

describe("where the token is read", () => {
  it("PRIVATE-TOKEN header, Authorization: Bearer, private_token query", async () => {
    for (const tokenIn of ["header", "bearer", "query"] as const) {
      const reply = await get("/user", { token: TOKENS.dev.admin, tokenIn });
      expect(reply.status, tokenIn).toBe(200);
      expect((reply.json as { username: string }).username).toBe("rollout-admin");
    }
  });
});

describe("scopes", () => {
  it("read_api may GET but not write: 403 insufficient_scope listing the endpoint's scopes", async () => {
    expect(
      (await get("/projects/gitlab-org%2Fgitlab", { token: TOKENS.dev.readOnly })).status,
    ).toBe(200);
    const reply = await call(sandbox, "dev", "PUT", "/projects/gitlab-org%2Fgitlab/issues/1", {
      token: TOKENS.dev.readOnly,
      body: { title: "x" },
    });
    expect(reply.status).toBe(403);
    expect(reply.json).toEqual({
      error: "insufficient_scope",
      error_description:
        "The request requires higher privileges than provided by the access token.",
      scope: "api read_api",
    });
  });

  it("read_user reaches /user only; any scope reaches /personal_access_tokens/self", async () => {
    expect((await get("/user", { token: "sandbox-read-user" })).status).toBe(200);
    const project = await get("/projects/gitlab-org%2Fgitlab", { token: "sandbox-read-user" });
    expect(project.status).toBe(403);
    expect((project.json as { scope: string }).scope).toBe("api read_api");
    const self = await get("/personal_access_tokens/self", { token: "sandbox-read-user" });
    expect(self.status).toBe(200);
    expect(self.json).toEqual({
      id: 203,
      name: "profile",
      revoked: false,
      created_at: SEED_CLOCK,
      description: null,
      scopes: ["read_user"],
      user_id: 3,
      last_used_at: SEED_CLOCK,
      active: true,
      expires_at: "2027-01-01",
    });
  });

  it("an expired token cannot even read itself", async () => {
    expect((await get("/personal_access_tokens/self", { token: "sandbox-expired" })).status).toBe(
      401,
    );
  });
});

describe("administrators", () => {
  it("GET /user shows is_admin only for administrators", async () => {
    const admin = await get("/user", { token: TOKENS.dev.admin });
    expect(admin.json).toMatchObject({ id: 1, username: "rollout-admin", is_admin: true });
    const user = await get("/user", { token: TOKENS.dev.user });
    expect(user.json).toMatchObject({ id: 2, username: "dana" });
    expect(user.json).not.toHaveProperty("is_admin");
  });

  it("with Admin Mode on, an admin's token without admin_mode scope is not admin", async () => {
    const plain = await get("/features", { token: TOKENS.dev.admin }, "gated");
    expect(plain.status).toBe(403);
    expect(plain.json).toEqual({ message: "403 Forbidden" });
    expect((await get("/user", { token: TOKENS.dev.admin }, "gated")).json).not.toHaveProperty(
      "is_admin",
    );
    expect((await get("/features", { token: "sandbox-admin-mode" }, "gated")).status).toBe(200);
  });

  it("a blocked user is refused with the reason", async () => {
    const dana = sandbox.state("dev").userByUsername("dana");
    if (dana) dana.state = "blocked";
    const reply = await get("/user", { token: TOKENS.dev.user });
    expect(reply.status).toBe(403);
    expect(reply.json).toEqual({ message: "403 Forbidden - Your account has been blocked." });
  });
});

describe("unknown routes", () => {
  it("answer Grape's catch-all 404 without asking for a token", async () => {
    const reply = await get("/no/such/route");
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: "404 Not Found" });
    const wrongMethod = await call(sandbox, "dev", "PATCH", "/features/x", {
      token: TOKENS.dev.admin,
    });
    expect(wrongMethod.status).toBe(404);
  });

  it("an unknown instance is a 404 too", async () => {
    expect((await get("/user", { token: TOKENS.dev.admin }, "nowhere")).status).toBe(404);
  });
});
