// Reads a run shares instead of repeating: one project read for the release chain and a project
// actor (same instance, same token), one merge_base per pair of commits. Counted by the strict
// sandbox, which fails on any request it was not told to expect, or expected a different number of.

import { describe, expect, it } from "vitest";
import { GitLabActors } from "../../../src/gitlab/actors.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { SharedProjectReads } from "../../../src/gitlab/projects.js";
import { GitLabReleaseChecks } from "../../../src/gitlab/release-checks.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, PROJECT, rolloutWorldSeed, SHAS, TOKENS } from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";

describe("reads shared within a run", () => {
  // Both staging environments run `later`, which contains the merge commit.
  const sb = useStrictSandbox(() => rolloutWorldSeed({ deployedAt: { gstg: "later" } }));
  const client = (name: string, token: string) =>
    new GitLabClient(
      { name, url: sb.instanceUrl("production"), tokenEnv: "FF_TOKEN", token },
      { logger: captureLogger().logger, timeoutMs: 5000 },
    );

  it("asks merge_base once when two environments deployed the same commit", async () => {
    sb.expectRequests([
      { request: `GET ${API}/deployments`, times: 3 },
      // later (both staging environments) and release (gprd): two pairs, not three requests.
      { request: `GET ${API}/repository/merge_base`, times: 2 },
    ]);
    const checks = new GitLabReleaseChecks(client("issues", TOKENS.production.user));
    const deployed = await checks.deployments(PROJECT, SHAS.merge, ["gstg-cny", "gstg", "gprd"]);
    expect(deployed.map((d) => [d.environment, d.status])).toEqual([
      ["gstg-cny", "deployed"],
      ["gstg", "deployed"],
      ["gprd", "not-yet"],
    ]);
  });

  it("reads a project once for the definition and a project actor with the same token", async () => {
    sb.expectRequests([
      { request: `GET ${API}`, times: 1 },
      { request: `GET ${API}/repository/files/:path`, times: 1 },
      { request: `GET ${API}/repository/tree`, times: 2 }, // listed alongside the file
    ]);
    const reads = new SharedProjectReads();
    const token = TOKENS.production.admin;
    const issues = client("issues", token);
    const production = client("production", token);
    const checks = new GitLabReleaseChecks(issues, reads.for(issues, token));
    const actors = new GitLabActors(production, reads.for(production, token));
    const [definition, ids] = await Promise.all([
      checks.findDefinition(PROJECT, FLAG),
      actors.resolve("project", [PROJECT]),
    ]);
    expect(definition.found).toBe(true);
    expect(ids).toEqual([expect.stringMatching(/^Project:\d+$/)]);
  });

  it("reads it again under another token, which may see other projects", async () => {
    sb.expectRequests([
      { request: `GET ${API}`, times: 2 },
      { request: `GET ${API}/repository/files/:path`, times: 1 },
      { request: `GET ${API}/repository/tree`, times: 2 }, // listed alongside the file
    ]);
    const reads = new SharedProjectReads();
    const issues = client("issues", TOKENS.production.user);
    const production = client("production", TOKENS.production.admin);
    const checks = new GitLabReleaseChecks(issues, reads.for(issues, TOKENS.production.user));
    const actors = new GitLabActors(production, reads.for(production, TOKENS.production.admin));
    await Promise.all([checks.findDefinition(PROJECT, FLAG), actors.resolve("project", [PROJECT])]);
  });

  it("still names a project actor that does not exist", async () => {
    sb.expectRequests([`GET ${API}`]);
    const production = client("production", TOKENS.production.admin);
    const actors = new GitLabActors(
      production,
      new SharedProjectReads().for(production, TOKENS.production.admin),
    );
    await expect(actors.resolve("project", ["nobody/nothing"])).rejects.toThrow(
      'project "nobody/nothing" does not exist on "production" (or its token cannot see it); fix actors: in the config',
    );
  });
});
