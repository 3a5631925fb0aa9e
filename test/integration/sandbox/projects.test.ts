// GET /projects/:id: numeric ids, URL-encoded full paths, and the unencoded path GitLab does
// not route.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { GROUP_ID, PROJECT, PROJECT_ID, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
  api = client(sandbox, "dev", TOKENS.dev.user);
});
afterEach(() => sandbox.close());

describe("GET /projects/:id", () => {
  it("finds a project by id and by URL-encoded path, case-insensitively", async () => {
    for (const ref of [String(PROJECT_ID), "gitlab-org%2Fgitlab", "GitLab-Org%2FGitLab"]) {
      const reply = await api<Record<string, unknown>>("GET", `/projects/${ref}`);
      expect(reply.status, ref).toBe(200);
      expect(reply.json).toMatchObject({
        id: PROJECT_ID,
        name: "GitLab",
        path: "gitlab",
        path_with_namespace: PROJECT,
        name_with_namespace: "GitLab.org / GitLab",
        default_branch: "master",
        web_url: `${sandbox.instanceUrl("dev")}/${PROJECT}`,
        namespace: { id: GROUP_ID, full_path: "gitlab-org", kind: "group" },
      });
    }
  });

  it("an unencoded path is not a route: Grape's catch-all 404", async () => {
    const reply = await api("GET", `/projects/${PROJECT}`);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: "404 Not Found" });
  });

  it("an unknown project: 404 Project Not Found", async () => {
    for (const ref of ["gitlab-org%2Fnope", "999"]) {
      const reply = await api("GET", `/projects/${ref}`);
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ message: "404 Project Not Found" });
    }
  });

  it("a private project hides from non-members but not from admins", async () => {
    const project = sandbox.state("dev").projectById(PROJECT_ID);
    if (project) project.memberIds = [1];
    expect((await api("GET", `/projects/${PROJECT_ID}`)).json).toEqual({
      message: "404 Project Not Found",
    });
    expect((await api("GET", `/projects/${PROJECT_ID}`, { token: TOKENS.dev.admin })).status).toBe(
      200,
    );
  });

  it("a project in a user's namespace has a user namespace", async () => {
    const state = sandbox.state("dev");
    const dana = state.userByUsername("dana");
    state.projects.push({
      id: 77,
      name: "scratch",
      path: "scratch",
      pathWithNamespace: "dana/scratch",
      namespaceId: dana?.namespaceId ?? 0,
      namespaceKind: "user",
      defaultBranch: "main",
      description: null,
      memberIds: null,
      createdAt: "2026-11-26T10:00:00.000Z",
    });
    const reply = await api<{ namespace: unknown }>("GET", "/projects/dana%2Fscratch");
    expect(reply.json.namespace).toMatchObject({
      kind: "user",
      full_path: "dana",
      id: dana?.namespaceId,
    });
  });
});
