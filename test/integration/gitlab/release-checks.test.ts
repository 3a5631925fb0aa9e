// The definition lookup, the MR and the deployment checks against the sandbox's repository.

import { describe, expect, it } from "vitest";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { GitLabReleaseChecks } from "../../../src/gitlab/release-checks.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import {
  ANOTHER_FLAG,
  DEFINITION_PATH,
  EE_DEFINITION_PATH,
  FLAG,
  MR_IID,
  PROJECT,
  rolloutWorldSeed,
  SHAS,
  TOKENS,
} from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";

describe("release checks", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed());
  const checks = () =>
    new GitLabReleaseChecks(
      new GitLabClient(
        {
          name: "issues",
          url: sb.instanceUrl("production"),
          tokenEnv: "FF_ISSUES_TOKEN",
          token: TOKENS.production.user,
        },
        { logger: captureLogger().logger, timeoutMs: 5000 },
      ),
    );

  it("finds a gitlab_com_derisk definition with one file request, the folders listed alongside", async () => {
    // One round trip: the file at HEAD, the project (the branch's name) and the two type
    // folders' listings go out together; the listings serve a flag of another type.
    sb.expectRequests([
      { request: `GET ${API}`, times: 1 },
      { request: `GET ${API}/repository/files/:path`, times: 1 },
      { request: `GET ${API}/repository/tree`, times: 2 },
    ]);
    const found = await checks().findDefinition(PROJECT, FLAG);
    expect(found).toMatchObject({
      found: true,
      definition: { path: DEFINITION_PATH, type: "gitlab_com_derisk", defaultEnabled: false },
    });
    // Read at HEAD, the definition still names the default branch (cleanup's MR targets it).
    expect(found.found && found.definition.ref).toBe("master");
    expect(sb.requests(`GET ${API}/repository/files/:path`)[0]?.query.ref).toBe("HEAD");
  });

  it("finds an ee/ definition of another type by listing the type folders", async () => {
    sb.expectRequests([
      `GET ${API}`,
      { request: `GET ${API}/repository/tree`, times: 2 },
      `GET ${API}/repository/files/:path`,
    ]);
    const found = await checks().findDefinition(PROJECT, ANOTHER_FLAG);
    expect(found).toMatchObject({ found: true, definition: { path: EE_DEFINITION_PATH } });
  });

  it("reads a definition again where this run found it: one file request, no folder listing", async () => {
    sb.expectRequests([
      { request: `GET ${API}`, times: 1 },
      { request: `GET ${API}/repository/tree`, times: 2 },
      { request: `GET ${API}/repository/files/:path`, times: 3 },
    ]);
    const same = checks();
    const first = await same.findDefinition(PROJECT, ANOTHER_FLAG);
    const again = await same.findDefinition(PROJECT, ANOTHER_FLAG);
    expect(again).toEqual(first);
    const files = sb.sandbox.log.filter((e) => e.path.includes("/repository/files/"));
    expect(files.at(-1)?.path).toContain(encodeURIComponent(EE_DEFINITION_PATH));
  });

  it("names every path it searched when there is no definition", async () => {
    sb.expectRequests([
      `GET ${API}`,
      `GET ${API}/repository/tree`,
      `GET ${API}/repository/files/:path`,
    ]);
    const found = await checks().findDefinition(PROJECT, "no_such_flag");
    expect(found.found).toBe(false);
    expect("searched" in found && found.searched).toEqual([
      "config/feature_flags/gitlab_com_derisk/no_such_flag.yml",
      "ee/config/feature_flags/beta/no_such_flag.yml",
    ]);
  });

  it("reads the merged MR's merge commit, and tells deployed from not yet", async () => {
    sb.expectRequests([
      `GET ${API}`,
      `GET ${API}/merge_requests/:iid`,
      `GET ${API}/deployments`,
      `GET ${API}/repository/merge_base`,
    ]);
    const mr = await checks().mergeRequest(
      `${sb.instanceUrl("production")}/${PROJECT}/-/merge_requests/${MR_IID}`,
    );
    expect(mr).toMatchObject({
      state: "merged",
      targetBranch: "master",
      defaultBranch: "master",
      commit: SHAS.merge,
    });
    const deployed = await checks().deployments(PROJECT, SHAS.merge, [
      "gstg-cny",
      "gstg",
      "gprd-cny",
      "gprd",
      "nowhere",
    ]);
    expect(deployed.map((d) => [d.environment, d.status, d.deployedSha?.slice(0, 8)])).toEqual([
      ["gstg-cny", "deployed", SHAS.later.slice(0, 8)],
      ["gstg", "deployed", SHAS.merge.slice(0, 8)],
      ["gprd-cny", "not-yet", SHAS.typo.slice(0, 8)],
      ["gprd", "not-yet", SHAS.release.slice(0, 8)],
      ["nowhere", "none", undefined],
    ]);
  });
});
