// recordDeployment(): what a CD job would leave behind, for tests and the demo. The deployments
// API must list it as GitLab would: newest first when asked, successful, on the environment
// (created on first use), and the deployment check must see the commit as deployed.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordDeployment, type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { PROJECT, rolloutWorldSeed, SHAS, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
});
afterEach(() => sandbox.close());

const path = `/projects/${encodeURIComponent(PROJECT)}/deployments`;
type Deployment = {
  id: number;
  iid: number;
  sha: string;
  status: string;
  ref: string;
  environment: { name: string };
  user: { username: string } | null;
};

describe("recordDeployment", () => {
  it("adds a successful deployment that the API lists as the newest", async () => {
    const api = client(sandbox, "production", TOKENS.production.user);
    const made = recordDeployment(sandbox.state("production"), PROJECT, "gprd", SHAS.later, {
      user: "dana",
    });
    const reply = await api<Deployment[]>(
      "GET",
      `${path}?environment=gprd&status=success&order_by=id&sort=desc&per_page=1`,
    );
    expect(reply.status).toBe(200);
    expect(reply.json[0]).toMatchObject({
      id: made.id,
      sha: SHAS.later,
      status: "success",
      ref: "master",
      environment: { name: "gprd" },
      user: { username: "dana" },
    });
    // ids and iids continue above the seeded ones.
    const all = await api<Deployment[]>("GET", `${path}?per_page=100`);
    expect(all.json.filter((d) => d.id === made.id)).toHaveLength(1);
    expect(new Set(all.json.map((d) => d.iid)).size).toBe(all.json.length);
  });

  it("creates the environment on first use, and refuses an unknown commit", async () => {
    const state = sandbox.state("production");
    recordDeployment(state, PROJECT, "review/new-graph", SHAS.feature);
    expect(state.environments.find((e) => e.name === "review/new-graph")).toMatchObject({
      slug: "review-new-graph",
      tier: "development",
    });
    expect(() => recordDeployment(state, PROJECT, "gprd", "0".repeat(40))).toThrow(/No commit/);
  });
});
