// GET /projects/:id/deployments: filters, GitLab's default ascending order, the finder's 400s,
// pagination, and timestamps that follow the sandbox clock.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { PROJECT, rolloutWorldSeed, SEED_CLOCK, SHAS, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

type Deployment = {
  id: number;
  iid: number;
  sha: string;
  status: string;
  ref: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  environment: { name: string };
  deployable: { name: string; pipeline: { sha: string } } | null;
  user: { username: string } | null;
};

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const deployments = `/projects/${encodeURIComponent(PROJECT)}/deployments`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed({ deployedAt: { gprd: "later" } }) });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

const list = (query = "") => api<Deployment[]>("GET", `${deployments}${query}`);

describe("GET /projects/:id/deployments", () => {
  it("lists every deployment by id, ascending by default, in GitLab's shape", async () => {
    const reply = await list();
    expect(reply.status).toBe(200);
    const ids = reply.json.map((d) => d.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(reply.json).toHaveLength(6);
    expect(reply.json[0]).toMatchObject({
      iid: 1,
      ref: "master",
      status: "success",
      sha: SHAS.root,
      environment: { name: "gprd" },
      deployable: { name: "deploy:gprd", pipeline: { sha: SHAS.root } },
      user: { username: "rollout-admin" },
    });
    expect(reply.headers.get("x-total")).toBe("6");
  });

  it("answers what is deployed on an environment: latest success first", async () => {
    const reply = await list("?environment=gprd&status=success&order_by=id&sort=desc");
    expect(reply.json.map((d) => d.sha)).toEqual([SHAS.later, SHAS.root]);
    const failed = await list("?environment=gprd&status=failed");
    expect(failed.json.map((d) => d.sha)).toEqual([SHAS.merge]);
    expect(failed.json[0]?.finished_at).toBe(failed.json[0]?.created_at);
    const none = await list("?environment=nowhere");
    expect(none.json).toEqual([]);
  });

  it("filters by updated_at and orders by the other keys", async () => {
    const after = new Date(Date.parse(SEED_CLOCK) - 45 * 60_000).toISOString();
    const recent = await list(`?updated_after=${after}&order_by=updated_at`);
    expect(recent.json.map((d) => d.environment.name)).toEqual(["gprd-cny", "gprd"]);
    const byRef = await list("?order_by=ref&sort=desc&per_page=2");
    expect(byRef.json).toHaveLength(2);
    expect(byRef.headers.get("x-next-page")).toBe("2");
  });

  it("answers the finder's and Grape's 400s", async () => {
    const finished = await list("?order_by=finished_at");
    expect(finished.status).toBe(400);
    expect(finished.json).toEqual({
      message: "400 Bad request - `finished_at` filter and `finished_at` sorting must be paired",
    });
    const noStatus = await list("?order_by=finished_at&finished_after=2026-01-01T00:00:00Z");
    expect(noStatus.json).toEqual({
      message:
        "400 Bad request - `finished_at` filter must be combined with `success` status filter.",
    });
    const paired = await list(
      "?order_by=finished_at&finished_after=2026-01-01T00:00:00Z&status=success",
    );
    expect(paired.status).toBe(200);
    expect((await list("?sort=up")).json).toEqual({ error: "sort does not have a valid value" });
    expect((await list("?status=done")).json).toEqual({
      error: "status does not have a valid value",
    });
  });

  it("stamps seeded deployments from the sandbox clock", async () => {
    const reply = await list("?environment=gstg");
    expect(reply.json[0]?.created_at).toBe(
      new Date(Date.parse(SEED_CLOCK) - 50 * 60_000).toISOString(),
    );
  });
});
