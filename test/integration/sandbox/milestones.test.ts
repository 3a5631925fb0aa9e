// Project and group milestones over HTTP, and an issue's milestone_id checked against them.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  GROUP_ID,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  rolloutWorldSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

type Milestone = {
  id: number;
  iid: number;
  title: string;
  state: string;
  project_id?: number;
  group_id?: number;
  web_url: string;
};

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const project = `/projects/${encodeURIComponent(PROJECT)}`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

const titles = async (path: string) =>
  (await api<Milestone[]>("GET", path)).json.map((m) => m.title);

describe("GET /projects/:id/milestones", () => {
  it("lists the project's milestones by due date, filters by state, title, search, iids", async () => {
    expect(await titles(`${project}/milestones`)).toEqual(["19.6", "19.7"]);
    expect(await titles(`${project}/milestones?state=active`)).toEqual(["19.7"]);
    expect(await titles(`${project}/milestones?title=19.6`)).toEqual(["19.6"]);
    expect(await titles(`${project}/milestones?search=.7`)).toEqual(["19.7"]);
    expect(await titles(`${project}/milestones?iids[]=6`)).toEqual(["19.6"]);
    expect(await titles(`${project}/milestones?include_parent_milestones=true`)).toEqual([
      "19.6",
      "19.8",
      "19.7",
    ]);
    const page = await api<Milestone[]>("GET", `${project}/milestones?per_page=1`);
    expect(page.headers.get("x-total-pages")).toBe("2");
    expect((await api("GET", `${project}/milestones?state=open`)).json).toEqual({
      error: "state does not have a valid value",
    });
  });

  it("gets one by its global id, not its iid", async () => {
    const one = await api<Milestone>("GET", `${project}/milestones/501`);
    expect(one.json).toMatchObject({ id: 501, iid: 7, title: "19.7", project_id: PROJECT_ID });
    expect(one.json.web_url).toBe(`${sandbox.instanceUrl("production")}/${PROJECT}/-/milestones/7`);
    expect((await api("GET", `${project}/milestones/7`)).json).toEqual({
      message: "404 Not found",
    });
  });

  it("creates a milestone (201) and refuses a title in use", async () => {
    const created = await api<Milestone>("POST", `${project}/milestones`, {
      body: { title: "19.9", due_date: "2027-02-12" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: "19.9", iid: 8, state: "active" });
    const taken = await api("POST", `${project}/milestones`, { body: { title: "19.8" } });
    expect(taken.status).toBe(400);
    expect(taken.json).toEqual({
      message:
        'Failed to create milestone {:title=>["already being used for another group or project milestone."]}',
    });
    expect((await api("POST", `${project}/milestones`, { body: {} })).json).toEqual({
      error: "title is missing",
    });
  });
});

describe("GET /groups/:id/milestones", () => {
  it("lists the group's milestones, by id or path; 404 for an unknown group", async () => {
    const byId = await api<Milestone[]>("GET", `/groups/${GROUP_ID}/milestones`);
    expect(byId.json).toMatchObject([{ title: "19.8", group_id: GROUP_ID }]);
    expect(byId.json[0]?.web_url).toContain("/groups/gitlab-org/-/milestones/8");
    expect(await titles("/groups/gitlab-org/milestones")).toEqual(["19.8"]);
    expect((await api("GET", "/groups/nope/milestones")).json).toEqual({
      message: "404 Group Not Found",
    });
  });
});

describe("PUT issue milestone_id", () => {
  const issue = `${project}/issues/${ISSUE_IID}`;
  it("accepts the project's and its groups' milestones, and unsets anything else", async () => {
    const group = await api<{ milestone: Milestone | null }>("PUT", issue, {
      body: { milestone_id: 503 },
    });
    expect(group.json.milestone).toMatchObject({ title: "19.8", group_id: GROUP_ID });
    const own = await api<{ milestone: Milestone | null }>("PUT", issue, {
      body: { milestone_id: 501 },
    });
    expect(own.json.milestone?.title).toBe("19.7");
    const unknown = await api<{ milestone: Milestone | null }>("PUT", issue, {
      body: { milestone_id: 999 },
    });
    expect(unknown.json.milestone).toBeNull();
  });
});
