// GET /projects/:id/merge_requests/:iid/commits over HTTP (lib/api/merge_requests.rb): the
// commits of the MR's diff, newest first, paginated, each with its parsed trailers as GitLab's
// commit entity has them; a merged MR keeps the commits it was merged with; an unknown iid is a
// 404.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { PROJECT, rolloutWorldSeed, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

type Commit = {
  id: string;
  message: string;
  trailers: Record<string, string>;
  extended_trailers: Record<string, string[]>;
};

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const project = `/projects/${encodeURIComponent(PROJECT)}`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

async function commit(branch: string, message: string, start?: string) {
  const reply = await api<{ id: string }>("POST", `${project}/repository/commits`, {
    body: {
      branch,
      ...(start ? { start_branch: start } : {}),
      commit_message: message,
      actions: [
        { action: "create", file_path: `${message.length}-${Date.now()}.txt`, content: "x\n" },
      ],
    },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.json.id;
}

describe("merge request commits", () => {
  it("lists the diff's commits newest first, with their trailers, and keeps them once merged", async () => {
    const first = await commit("topic", "Stop reading the flag", "master");
    const second = await commit(
      "topic",
      "Remove the flag\n\nThe code no longer reads it.\n\nChangelog: removed\nSigned-off-by: Dana <dana@example.com>",
    );
    const mr = await api<{ iid: number }>("POST", `${project}/merge_requests`, {
      body: { source_branch: "topic", target_branch: "master", title: "Remove the flag" },
    });
    expect(mr.status).toBe(201);
    const path = `${project}/merge_requests/${mr.json.iid}/commits`;

    const listed = await api<Commit[]>("GET", path);
    expect(listed.status).toBe(200);
    expect(listed.json.map((c) => c.id)).toEqual([second, first]);
    expect(listed.json[0]).toMatchObject({
      trailers: { Changelog: "removed", "Signed-off-by": "Dana <dana@example.com>" },
      extended_trailers: { Changelog: ["removed"] },
    });
    // A message of one paragraph has no trailers, whatever it looks like.
    expect(listed.json[1]?.trailers).toEqual({});
    expect(listed.headers.get("x-total")).toBe("2");

    const page = await api<Commit[]>("GET", `${path}?per_page=1&page=2`);
    expect(page.json.map((c) => c.id)).toEqual([first]);
    expect(page.headers.get("x-next-page")).toBe("");

    sandbox.state("production").mergeMergeRequest(PROJECT, mr.json.iid);
    // master moved on past the MR's commits: the merged MR still lists the same two.
    const merged = await api<Commit[]>("GET", path);
    expect(merged.json.map((c) => c.id)).toEqual([second, first]);
  });

  it("answers 404 for an unknown merge request", async () => {
    const reply = await api("GET", `${project}/merge_requests/99999/commits`);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ message: "404 Not found" });
  });
});
