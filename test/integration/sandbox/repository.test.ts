// The repository over HTTP: tree, files (JSON and raw), commits, the refs containing a commit,
// the merge base, and their errors.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  DEFINITION_PATH,
  EE_DEFINITION_PATH,
  FEATURE_BRANCH,
  PROJECT,
  PROJECT_ID,
  RELEASE_TAG,
  rolloutWorldSeed,
  SHAS,
  STABLE_BRANCH,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const repo = `/projects/${encodeURIComponent(PROJECT)}/repository`;
const file = (path: string) => `${repo}/files/${encodeURIComponent(path)}`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

type Entry = { id: string; name: string; type: string; path: string; mode: string };

describe("GET /projects/:id/repository/tree", () => {
  it("lists the root of the default branch, trees first", async () => {
    const reply = await api<Entry[]>("GET", `${repo}/tree`);
    expect(reply.status).toBe(200);
    expect(reply.json.map((e) => `${e.type}:${e.path}`)).toEqual([
      "tree:app",
      "tree:config",
      "tree:doc",
      "tree:ee",
      "blob:README.md",
      "blob:VERSION",
    ]);
    expect(reply.json[0]).toMatchObject({ name: "app", mode: "040000" });
    expect(reply.json[4]?.mode).toBe("100644");
    expect(reply.json[4]?.id).toMatch(/^[0-9a-f]{40}$/);
    expect(reply.headers.get("x-total")).toBe("6");
  });

  it("walks a path recursively at a ref, and paginates", async () => {
    const reply = await api<Entry[]>("GET", `${repo}/tree?path=config&recursive=true&ref=master`);
    expect(reply.json.map((e) => e.path)).toEqual([
      "config/feature_flags",
      "config/feature_flags/gitlab_com_derisk",
      DEFINITION_PATH,
    ]);
    const page = await api<Entry[]>("GET", `${repo}/tree?recursive=true&per_page=2&page=2`);
    expect(page.json).toHaveLength(2);
    expect(page.headers.get("x-next-page")).toBe("3");
    expect(page.headers.get("link")).toContain('rel="prev"');
  });

  it("has no definition before the feature commit; 404s for a bad ref or path", async () => {
    const before = await api<Entry[]>("GET", `${repo}/tree?ref=${RELEASE_TAG}`);
    expect(before.json.map((e) => e.path)).not.toContain("config");
    const ref = await api("GET", `${repo}/tree?ref=nope`);
    expect(ref.status).toBe(404);
    expect(ref.json).toEqual({ message: "404 Tree Not Found" });
    const path = await api("GET", `${repo}/tree?path=nowhere`);
    expect(path.status).toBe(404);
    expect(path.json).toEqual({ message: "404 invalid revision or path Not Found" });
  });
});

describe("GET /projects/:id/repository/files/:file_path", () => {
  it("answers the file base64-encoded, with its blob and last commit", async () => {
    const reply = await api<Record<string, unknown>>("GET", `${file(DEFINITION_PATH)}?ref=master`);
    expect(reply.status).toBe(200);
    const content = Buffer.from(String(reply.json.content), "base64").toString("utf8");
    expect(content).toContain("type: gitlab_com_derisk");
    expect(content).toContain("# A derisk flag is never enabled by default");
    expect(reply.json).toMatchObject({
      file_name: DEFINITION_PATH.split("/").at(-1),
      file_path: DEFINITION_PATH,
      encoding: "base64",
      ref: "master",
      commit_id: SHAS.later,
      last_commit_id: SHAS.feature,
      size: Buffer.byteLength(content),
    });
    expect(reply.json.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.headers.get("x-gitlab-last-commit-id")).toBe(SHAS.feature);
  });

  it("reads an ee/ definition at a tag; raw gives the text", async () => {
    const raw = await api("GET", `${file(EE_DEFINITION_PATH)}/raw?ref=${RELEASE_TAG}`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toContain("text/plain");
    expect(raw.text).toContain("type: beta");
    const byDefault = await api("GET", `${file("VERSION")}/raw`);
    expect(byDefault.text).toBe("19.6.0\n");
  });

  it("404s a missing file or ref, 400s without ref, and needs the path encoded", async () => {
    const missing = await api("GET", `${file("nope.yml")}?ref=master`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: "404 File Not Found" });
    const noRef = await api("GET", file(DEFINITION_PATH));
    expect(noRef.status).toBe(400);
    expect(noRef.json).toEqual({ error: "ref is missing" });
    const badRef = await api("GET", `${file(DEFINITION_PATH)}?ref=nope`);
    expect(badRef.json).toEqual({ message: "404 Commit Not Found" });
    const unencoded = await api("GET", `${repo}/files/${DEFINITION_PATH}?ref=master`);
    expect(unencoded.status).toBe(404);
    expect(unencoded.json).toEqual({ error: "404 Not Found" });
  });
});

describe("commits, refs and merge base", () => {
  it("answers a commit with stats and parents", async () => {
    const reply = await api<Record<string, unknown>>("GET", `${repo}/commits/${SHAS.merge}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      id: SHAS.merge,
      short_id: SHAS.merge.slice(0, 8),
      parent_ids: [SHAS.typo, SHAS.feature],
      title: `Merge branch '${FEATURE_BRANCH}' into 'master'`,
      project_id: PROJECT_ID,
    });
    const byBranch = await api<{ id: string }>("GET", `${repo}/commits/${STABLE_BRANCH}`);
    expect(byBranch.json.id).toBe(SHAS.stable);
    const missing = await api("GET", `${repo}/commits/${"0".repeat(40)}`);
    expect(missing.json).toEqual({ message: "404 Commit Not Found" });
  });

  it("lists the branches and tags containing a commit, without totals", async () => {
    const all = await api<{ type: string; name: string }[]>(
      "GET",
      `${repo}/commits/${SHAS.release}/refs`,
    );
    expect(all.json).toEqual([
      { type: "branch", name: STABLE_BRANCH },
      { type: "branch", name: FEATURE_BRANCH },
      { type: "branch", name: "master" },
      { type: "tag", name: RELEASE_TAG },
    ]);
    expect(all.headers.get("x-total")).toBeNull();
    const tags = await api("GET", `${repo}/commits/${SHAS.merge}/refs?type=tag`);
    expect(tags.json).toEqual([]);
    const branches = await api("GET", `${repo}/commits/${SHAS.merge}/refs?type=branch`);
    expect(branches.json).toEqual([{ type: "branch", name: "master" }]);
    const page = await api("GET", `${repo}/commits/${SHAS.release}/refs?per_page=1`);
    expect(page.headers.get("x-next-page")).toBe("2");
  });

  it("finds the merge base: a deployed commit contains the merge when the base is it", async () => {
    const deployed = await api<{ id: string }>(
      "GET",
      `${repo}/merge_base?refs[]=${SHAS.merge}&refs[]=${SHAS.later}`,
    );
    expect(deployed.status).toBe(200);
    expect(deployed.json.id).toBe(SHAS.merge);
    const notYet = await api<{ id: string }>(
      "GET",
      `${repo}/merge_base?refs[]=${SHAS.merge}&refs[]=${RELEASE_TAG}`,
    );
    expect(notYet.json.id).toBe(SHAS.release);
  });

  it("answers GitLab's errors for merge_base", async () => {
    const one = await api("GET", `${repo}/merge_base?refs[]=master`);
    expect(one.json).toEqual({ message: "Provide at least 2 refs" });
    const unknown = await api("GET", `${repo}/merge_base?refs[]=master&refs[]=nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ message: "Could not find ref: nope" });
    const two = await api("GET", `${repo}/merge_base?refs[]=x&refs[]=y`);
    expect(two.json).toEqual({ message: "Could not find refs: x, y" });
    const none = await api("GET", `${repo}/merge_base`);
    expect(none.json).toEqual({ error: "refs is missing" });
  });

  it("404s a merge base of unrelated histories", async () => {
    const repository = sandbox.state("production").repository(PROJECT_ID);
    const orphan = repository.addCommit({
      parentIds: [],
      message: "Orphan",
      author: { name: "A", email: "a@example.com" },
      authoredDate: "2026-01-01T00:00:00Z",
      changes: new Map([["x", "y"]]),
    });
    repository.branches.set("orphan", orphan.id);
    const reply = await api("GET", `${repo}/merge_base?refs=master,orphan`);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ message: "404 Merge Base Not Found" });
  });
});
