// Branches, tags and POST /repository/commits over HTTP, with GitLab's 400s.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  DEFINITION_PATH,
  FEATURE_BRANCH,
  PROJECT,
  RELEASE_TAG,
  rolloutWorldSeed,
  SEED_CLOCK,
  SHAS,
  STABLE_BRANCH,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const repo = `/projects/${encodeURIComponent(PROJECT)}/repository`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

type Branch = { name: string; merged: boolean; default: boolean; commit: { id: string } };

describe("branches", () => {
  it("lists branches by name, searches, and paginates", async () => {
    const all = await api<Branch[]>("GET", `${repo}/branches`);
    expect(all.json.map((b) => b.name)).toEqual([STABLE_BRANCH, FEATURE_BRANCH, "master"]);
    const master = all.json.find((b) => b.name === "master");
    expect(master).toMatchObject({ default: true, merged: false, commit: { id: SHAS.later } });
    // The feature branch is in master's history: merged.
    expect(all.json.find((b) => b.name === FEATURE_BRANCH)?.merged).toBe(true);
    expect(all.json.find((b) => b.name === STABLE_BRANCH)?.merged).toBe(false);
    const search = await api<Branch[]>("GET", `${repo}/branches?search=^19-`);
    expect(search.json.map((b) => b.name)).toEqual([STABLE_BRANCH]);
    const page = await api<Branch[]>("GET", `${repo}/branches?per_page=1&page=3`);
    expect(page.json.map((b) => b.name)).toEqual(["master"]);
    expect(page.headers.get("x-total-pages")).toBe("3");
  });

  it("gets one branch (name encoded) or 404s", async () => {
    const one = await api<Branch>("GET", `${repo}/branches/${encodeURIComponent(STABLE_BRANCH)}`);
    expect(one.json.commit.id).toBe(SHAS.stable);
    const missing = await api("GET", `${repo}/branches/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: "404 Branch Not Found" });
  });

  it("creates a branch, with GitLab's 400s", async () => {
    const created = await api<Branch>("POST", `${repo}/branches`, {
      body: { branch: "cleanup-flag", ref: "master" },
    });
    expect(created.status).toBe(201);
    expect(created.json.commit.id).toBe(SHAS.later);
    const again = await api("POST", `${repo}/branches`, {
      body: { branch: "cleanup-flag", ref: "master" },
    });
    expect(again.json).toEqual({ message: "Branch already exists" });
    const badName = await api("POST", `${repo}/branches`, {
      body: { branch: "a..b", ref: "master" },
    });
    expect(badName.json).toEqual({ message: "Branch name is invalid" });
    const badRef = await api("POST", `${repo}/branches`, { body: { branch: "x", ref: "nope" } });
    expect(badRef.status).toBe(400);
    expect(badRef.json).toEqual({
      message: "Failed to create branch 'x': invalid reference name 'nope'",
    });
    const missing = await api("POST", `${repo}/branches`, { body: {} });
    expect(missing.json).toEqual({ error: "branch is missing, ref is missing" });
  });
});

describe("GET /projects/:id/repository/tags", () => {
  it("lists tags with their commit, newest first", async () => {
    const reply = await api<{ name: string; target: string; message: string }[]>(
      "GET",
      `${repo}/tags`,
    );
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject([
      { name: RELEASE_TAG, target: SHAS.stable, message: "Version 19.6.0-ee" },
    ]);
    const none = await api("GET", `${repo}/tags?search=v20`);
    expect(none.json).toEqual([]);
    const bad = await api("GET", `${repo}/tags?order_by=size`);
    expect(bad.json).toEqual({ error: "order_by does not have a valid value" });
  });
});

describe("POST /projects/:id/repository/commits", () => {
  const commit = (body: Record<string, unknown>) =>
    api<Record<string, unknown>>("POST", `${repo}/commits`, { body });

  it("commits several actions on a new branch from start_branch", async () => {
    const reply = await commit({
      branch: "release-flag",
      start_branch: "master",
      commit_message: "Enable the flag by default",
      actions: [
        { action: "update", file_path: DEFINITION_PATH, content: "default_enabled: true\n" },
        { action: "create", file_path: "notes.txt", content: "aGVsbG8=", encoding: "base64" },
        { action: "move", file_path: "doc/graph.md", previous_path: "doc/pipeline_graph.md" },
        { action: "delete", file_path: "VERSION" },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      parent_ids: [SHAS.later],
      title: "Enable the flag by default",
      // The first write after the seed is 1 ms after the seed's clock (SandboxClock.stamp).
      committed_date: new Date(Date.parse(SEED_CLOCK) + 1).toISOString(),
      stats: { additions: 5, deletions: 17, total: 22 },
    });
    const files = await api<{ path: string }[]>(
      "GET",
      `${repo}/tree?ref=release-flag&recursive=true`,
    );
    const paths = files.json.map((f) => f.path);
    expect(paths).toContain("doc/graph.md");
    expect(paths).not.toContain("VERSION");
    const note = await api("GET", `${repo}/files/notes.txt/raw?ref=release-flag`);
    expect(note.text).toBe("hello");
    const head = await api<Branch>("GET", `${repo}/branches/release-flag`);
    expect(head.json.commit.id).toBe(reply.json.id);
  });

  it("guards an update with last_commit_id", async () => {
    const update = (last: string) =>
      commit({
        branch: "master",
        commit_message: "Edit",
        actions: [
          { action: "update", file_path: DEFINITION_PATH, content: "x\n", last_commit_id: last },
        ],
      });
    const stale = await update(SHAS.root);
    expect(stale.status).toBe(400);
    expect(stale.json).toEqual({
      message: `The file has changed since you started editing it: ${DEFINITION_PATH}`,
    });
    expect((await update(SHAS.feature)).status).toBe(201);
  });

  it("answers GitLab's 400s", async () => {
    const action = (a: Record<string, unknown>) =>
      commit({ branch: "master", commit_message: "m", actions: [a] });
    expect((await action({ action: "create", file_path: "VERSION", content: "" })).json).toEqual({
      message: "A file with this name already exists",
    });
    expect((await action({ action: "update", file_path: "nope", content: "" })).json).toEqual({
      message: "A file with this name doesn't exist",
    });
    expect((await action({ action: "delete", file_path: "nope" })).json).toEqual({
      message: "A file with this name doesn't exist",
    });
    expect((await action({ action: "rename", file_path: "x" })).json).toEqual({
      message:
        "400 Bad request - actions[0][action] must be one of: create, update, move, delete, chmod",
    });
    expect((await action({ action: "update", file_path: "VERSION" })).json).toEqual({
      message: "400 Bad request - actions[0][content] is required for update action",
    });
    expect((await commit({ commit_message: "m", actions: [] })).json).toEqual({
      message: "400 Bad request - branch is required",
    });
    const noBranch = await commit({
      branch: "new",
      start_branch: "nope",
      commit_message: "m",
      actions: [{ action: "create", file_path: "a", content: "" }],
    });
    expect(noBranch.json).toEqual({
      message: "You can only create or edit files when you are on a branch",
    });
    const taken = await commit({
      branch: STABLE_BRANCH,
      start_branch: "master",
      commit_message: "m",
      actions: [{ action: "create", file_path: "a", content: "" }],
    });
    expect(taken.json).toEqual({
      message: `A branch called '${STABLE_BRANCH}' already exists. Switch to that branch in order to make changes`,
    });
  });

  it("refuses a read_api token", async () => {
    const reader = client(sandbox, "production", TOKENS.production.readOnly);
    const reply = await reader("POST", `${repo}/commits`, {
      body: { branch: "master", commit_message: "m", actions: [] },
    });
    expect(reply.status).toBe(403);
  });
});
