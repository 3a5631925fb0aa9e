// Merge requests over HTTP: the seeded merged MR, listing with filters, creating (409 for a
// duplicate), updating, and merging through the control route and the state method.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  FEATURE_BRANCH,
  MR_IID,
  PROJECT,
  PROJECT_ID,
  rolloutWorldSeed,
  SHAS,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

type MR = Record<string, unknown> & { iid: number; state: string; sha: string | null };

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const mrs = `/projects/${encodeURIComponent(PROJECT)}/merge_requests`;
const repo = `/projects/${encodeURIComponent(PROJECT)}/repository`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

async function branchWithCommit(name: string) {
  const reply = await api("POST", `${repo}/commits`, {
    body: {
      branch: name,
      start_branch: "master",
      commit_message: `Work on ${name}`,
      actions: [{ action: "create", file_path: `${name}.txt`, content: `${name}\n` }],
    },
  });
  expect(reply.status).toBe(201);
}

const create = (body: Record<string, unknown>) => api<MR>("POST", mrs, { body });

describe("reading merge requests", () => {
  it("answers the seeded merged MR with its merge commit", async () => {
    const reply = await api<MR>("GET", `${mrs}/${MR_IID}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      iid: MR_IID,
      project_id: PROJECT_ID,
      state: "merged",
      merge_commit_sha: SHAS.merge,
      squash_commit_sha: null,
      squash: false,
      sha: SHAS.feature,
      source_branch: FEATURE_BRANCH,
      target_branch: "master",
      detailed_merge_status: "not_open",
      merged_by: { username: "rollout-admin" },
      web_url: `${sandbox.instanceUrl("production")}/${PROJECT}/-/merge_requests/${MR_IID}`,
      references: { full: `${PROJECT}!${MR_IID}` },
    });
    expect(reply.json.merged_at).toBeTruthy();
  });

  it("404s an unknown iid; 400s a bad one", async () => {
    expect((await api("GET", `${mrs}/9`)).json).toEqual({ message: "404 Not found" });
    expect((await api("GET", `${mrs}/x`)).json).toEqual({ error: "merge_request_iid is invalid" });
  });

  it("filters by state, branches, labels and search, and paginates", async () => {
    await branchWithCommit("a");
    await branchWithCommit("b");
    await create({ source_branch: "a", target_branch: "master", title: "Alpha", labels: "x,y" });
    await create({ source_branch: "b", target_branch: "master", title: "Beta", labels: "x" });
    const iids = async (query: string) =>
      (await api<MR[]>("GET", `${mrs}?${query}`)).json.map((mr) => mr.iid);
    expect(await iids("")).toEqual([MR_IID + 2, MR_IID + 1, MR_IID]);
    expect(await iids("state=merged")).toEqual([MR_IID]);
    expect(await iids("state=opened&sort=asc")).toEqual([MR_IID + 1, MR_IID + 2]);
    expect(await iids("source_branch=b")).toEqual([MR_IID + 2]);
    expect(await iids("labels=x,y")).toEqual([MR_IID + 1]);
    expect(await iids("search=beta")).toEqual([MR_IID + 2]);
    const page = await api<MR[]>("GET", `${mrs}?per_page=2&page=2`);
    expect(page.json.map((mr) => mr.iid)).toEqual([MR_IID]);
    expect(page.headers.get("x-total")).toBe("3");
    expect((await api("GET", `${mrs}?state=new`)).json).toEqual({
      error: "state does not have a valid value",
    });
  });
});

describe("creating and updating", () => {
  it("creates an MR (201) that follows its source branch", async () => {
    await branchWithCommit("cleanup");
    const reply = await create({
      source_branch: "cleanup",
      target_branch: "master",
      title: "Remove the flag",
      description: "Cleanup",
      labels: "feature flag",
      remove_source_branch: true,
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      iid: MR_IID + 1,
      state: "opened",
      detailed_merge_status: "mergeable",
      force_remove_source_branch: true,
      labels: ["feature flag"],
      merge_commit_sha: null,
    });
    const head = await api<{ commit: { id: string } }>("GET", `${repo}/branches/cleanup`);
    expect(reply.json.sha).toBe(head.json.commit.id);
  });

  it("answers 409 for a second open MR of the same branches, 422 for one branch", async () => {
    await branchWithCommit("dup");
    await create({ source_branch: "dup", target_branch: "master", title: "One" });
    const again = await create({ source_branch: "dup", target_branch: "master", title: "Two" });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      message: [`Another open merge request already exists for this source branch: !${MR_IID + 1}`],
    });
    const same = await create({ source_branch: "master", target_branch: "master", title: "S" });
    expect(same.status).toBe(422);
    expect(same.json).toEqual({
      message: ["You can't use same project/branch for source and target"],
    });
    const missing = await create({});
    expect(missing.json).toEqual({
      error: "source_branch is missing, target_branch is missing, title is missing",
    });
  });

  it("updates title and description, closes and reopens", async () => {
    await branchWithCommit("upd");
    const mr = (await create({ source_branch: "upd", target_branch: "master", title: "T" })).json;
    const path = `${mrs}/${mr.iid}`;
    const retitled = await api<MR>("PUT", path, { body: { title: "Draft: T2", description: "D" } });
    expect(retitled.json).toMatchObject({ title: "Draft: T2", draft: true, description: "D" });
    expect(retitled.json.detailed_merge_status).toBe("draft_status");
    const closed = await api<MR>("PUT", path, { body: { state_event: "close" } });
    expect(closed.json).toMatchObject({ state: "closed", closed_by: { username: "dana" } });
    const reopened = await api<MR>("PUT", path, { body: { state_event: "reopen" } });
    expect(reopened.json).toMatchObject({ state: "opened", closed_at: null });
    const none = await api("PUT", path, { body: {} });
    expect(none.status).toBe(400);
    expect(String((none.json as { error: string }).error)).toContain(
      "at least one parameter must be provided",
    );
  });
});

describe("merging (sandbox control)", () => {
  it("merges over HTTP: merge commit on the target branch, contained in master", async () => {
    await branchWithCommit("ship");
    const mr = (await create({ source_branch: "ship", target_branch: "master", title: "Ship" }))
      .json;
    const reply = await fetch(
      `${sandbox.url}/__sandbox/merge/production/${encodeURIComponent(PROJECT)}/${mr.iid}`,
      { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" },
    );
    expect(reply.status).toBe(200);
    const merged = (await reply.json()) as MR & { merge_commit_sha: string };
    expect(merged.state).toBe("merged");
    const master = await api<{ commit: { id: string; parent_ids: string[] } }>(
      "GET",
      `${repo}/branches/master`,
    );
    expect(master.json.commit.id).toBe(merged.merge_commit_sha);
    expect(master.json.commit.parent_ids).toEqual([SHAS.later, mr.sha]);
    const file = await api("GET", `${repo}/files/ship.txt/raw?ref=master`);
    expect(file.text).toBe("ship\n");
    const twice = await fetch(`${sandbox.url}/__sandbox/merge/production/${PROJECT_ID}/${mr.iid}`, {
      method: "POST",
    });
    expect(twice.status).toBe(409);
  });

  it("squashes through the state method, and removes the source branch when asked", async () => {
    await branchWithCommit("squashed");
    await create({
      source_branch: "squashed",
      target_branch: "master",
      title: "Squash me",
      remove_source_branch: true,
    });
    const mr = sandbox.state("production").mergeMergeRequest(PROJECT, MR_IID + 1, { squash: true });
    expect(mr.squashCommitSha).toMatch(/^[0-9a-f]{40}$/);
    const squash = await api<{ parent_ids: string[]; message: string }>(
      "GET",
      `${repo}/commits/${mr.squashCommitSha}`,
    );
    expect(squash.json).toMatchObject({ parent_ids: [SHAS.later], message: "Squash me" });
    const merge = await api<{ parent_ids: string[] }>("GET", `${repo}/commits/master`);
    expect(merge.json.parent_ids).toEqual([SHAS.later, mr.squashCommitSha]);
    expect((await api("GET", `${repo}/branches/squashed`)).status).toBe(404);
  });
});
