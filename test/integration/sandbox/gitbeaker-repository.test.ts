// The new endpoints through @gitbeaker/rest, the client the adapter uses: its query and body
// encodings (refs[] arrays, encoded file paths, JSON actions) reach the sandbox as GitLab
// would read them.

import { Gitlab } from "@gitbeaker/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  DEFINITION_PATH,
  FEATURE_ISSUE_IID,
  ISSUE_IID,
  MR_IID,
  PROJECT,
  PROJECT_ID,
  rolloutWorldSeed,
  SHAS,
  TOKENS,
} from "../../helpers/seeds.js";

let sandbox: Sandbox;
let api: InstanceType<typeof Gitlab>;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = new Gitlab({ host: sandbox.instanceUrl("production"), token: TOKENS.production.user });
});
afterEach(() => sandbox.close());

describe("@gitbeaker/rest against the new endpoints", () => {
  it("reads the tree, a file, the merge base and the deployments", async () => {
    const tree = await api.Repositories.allRepositoryTrees(PROJECT, {
      path: "config/feature_flags",
      ref: "master",
    });
    expect(tree.map((e) => e.path)).toEqual(["config/feature_flags/gitlab_com_derisk"]);
    const file = await api.RepositoryFiles.show(PROJECT, DEFINITION_PATH, "master");
    expect(file.last_commit_id).toBe(SHAS.feature);
    const base = await api.Repositories.mergeBase(PROJECT, [SHAS.merge, SHAS.later]);
    expect(base.id).toBe(SHAS.merge);
    const deployed = await api.Deployments.all(PROJECT, {
      environment: "gstg",
      status: "success",
      orderBy: "id",
      sort: "desc",
    } as never);
    expect(deployed.map((d) => d.sha)).toEqual([SHAS.merge]);
    const mr = await api.MergeRequests.show(PROJECT, MR_IID);
    expect(mr.merge_commit_sha).toBe(SHAS.merge);
  });

  it("commits, opens an MR and links issues", async () => {
    const commit = await api.Commits.create(
      PROJECT,
      "cleanup",
      "Remove the flag",
      [{ action: "delete", filePath: DEFINITION_PATH }],
      { startBranch: "master" },
    );
    expect(commit.parent_ids).toEqual([SHAS.later]);
    const mr = await api.MergeRequests.create(PROJECT, "cleanup", "master", "Remove the flag");
    expect(mr.iid).toBe(MR_IID + 1);
    const link = await api.IssueLinks.create(PROJECT, ISSUE_IID, PROJECT_ID, FEATURE_ISSUE_IID);
    expect(link.link_type).toBe("relates_to");
  });
});
