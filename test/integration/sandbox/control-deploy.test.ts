// POST /__sandbox/deploy/:instance: a deployment recorded over HTTP, as an end-to-end test
// stands in for a CD job when the sandbox runs as its own process. The deployments API must then
// list it as the newest successful deployment of its environment.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { PROJECT, PROJECT_ID, rolloutWorldSeed, SHAS, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
});
afterEach(() => sandbox.close());

const deploy = async (instance: string, body: unknown) => {
  const response = await fetch(`${sandbox.url}/__sandbox/deploy/${instance}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

type Deployment = { id: number; sha: string; status: string; ref: string; user: unknown };

describe("POST /__sandbox/deploy/:instance", () => {
  it("records a successful deployment that the API lists as the environment's newest", async () => {
    const made = await deploy("production", {
      project: PROJECT,
      environment: "gprd",
      sha: SHAS.later,
      user: "dana",
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      sha: SHAS.later,
      status: "success",
      ref: "master",
      environment: { name: "gprd" },
      user: { username: "dana" },
    });
    const api = client(sandbox, "production", TOKENS.production.user);
    const newest = await api<Deployment[]>(
      "GET",
      `/projects/${encodeURIComponent(PROJECT)}/deployments?environment=gprd&status=success&order_by=id&sort=desc&per_page=1`,
    );
    expect(newest.json[0]).toMatchObject({ id: made.json.id, sha: SHAS.later });

    // The project by id too; a new environment is created on first use; no user is none.
    const review = await deploy("production", {
      project: PROJECT_ID,
      environment: "review/graph",
      sha: SHAS.feature,
      ref: "add-sandbox-rollout-flag",
    });
    expect(review.status).toBe(201);
    expect(review.json).toMatchObject({
      ref: "add-sandbox-rollout-flag",
      user: null,
      environment: { name: "review/graph", slug: "review-graph" },
    });
  });

  it("answers 404 for an unknown instance, project or commit and 400 for a bad body, recording nothing", async () => {
    const before = sandbox.state("production").deployments.length;
    const body = { project: PROJECT, environment: "gprd", sha: SHAS.later };
    expect((await deploy("nowhere", body)).status).toBe(404);
    expect((await deploy("production", { ...body, project: "gitlab-org/nope" })).status).toBe(404);
    const unknown = await deploy("production", { ...body, sha: "0".repeat(40) });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatch(/no commit 0{40} in gitlab-org\/gitlab/);
    expect((await deploy("production", { ...body, sha: "later" })).status).toBe(400);
    expect((await deploy("production", { project: PROJECT, sha: SHAS.later })).status).toBe(400);
    expect((await deploy("production", { ...body, extra: 1 })).status).toBe(400);
    expect(sandbox.state("production").deployments).toHaveLength(before);
  });
});
