// Creating issues (the quick-action pass on the description) and the three issue lists, with
// their filters, pagination (the >10,000 rule included) and closing through state_event.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  FEATURE_ISSUE_IID,
  GROUP_ID,
  ISSUE_IID,
  PROJECT,
  rolloutWorldSeed,
  SEED_CLOCK,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

type Issue = Record<string, unknown> & {
  iid: number;
  state: string;
  labels: string[];
  description: string;
  closed_at: string | null;
};

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const issues = `/projects/${encodeURIComponent(PROJECT)}/issues`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

const iids = async (path: string) => (await api<Issue[]>("GET", path)).json.map((i) => i.iid);

describe("POST /projects/:id/issues", () => {
  it("creates an issue (201) after the quick-action pass", async () => {
    const reply = await api<Issue>("POST", issues, {
      body: {
        title: "Clean up the flag",
        description: 'Remove it.\r\n\r\n/label ~"feature flag"\n/milestone %19.7\n/close\n',
        labels: "cleanup",
        assignee_ids: [2, 99],
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      iid: FEATURE_ISSUE_IID + 1,
      state: "opened",
      description: "Remove it.",
      labels: ["cleanup", "feature flag"],
      milestone: { title: "19.7" },
      assignees: [{ username: "dana" }],
      author: { username: "dana" },
      created_at: new Date(Date.parse(SEED_CLOCK) + 1).toISOString(),
    });
  });

  it("answers 400 for a missing or blank title", async () => {
    expect((await api("POST", issues, { body: {} })).json).toEqual({ error: "title is missing" });
    expect((await api("POST", issues, { body: { title: " " } })).json).toEqual({
      message: { title: ["can't be blank"] },
    });
  });
});

describe("issue lists", () => {
  it("lists a project's issues newest first, with filters", async () => {
    expect(await iids(issues)).toEqual([FEATURE_ISSUE_IID, ISSUE_IID]);
    expect(await iids(`${issues}?labels=feature flag,type::feature`)).toEqual([FEATURE_ISSUE_IID]);
    expect(await iids(`${issues}?labels=None`)).toEqual([]);
    expect(await iids(`${issues}?search=rollout&sort=asc`)).toEqual([ISSUE_IID, FEATURE_ISSUE_IID]);
    expect(await iids(`${issues}?iids[]=${ISSUE_IID}`)).toEqual([ISSUE_IID]);
    expect(await iids(`${issues}?milestone=19.7`)).toEqual([FEATURE_ISSUE_IID]);
    expect(await iids(`${issues}?order_by=title&sort=asc`)).toEqual([ISSUE_IID, FEATURE_ISSUE_IID]);
    expect((await api("GET", `${issues}?order_by=size`)).json).toEqual({
      error: "order_by does not have a valid value",
    });
  });

  it("closes through state_event: closed state, closed_at, and the state filter", async () => {
    const closed = await api<Issue>("PUT", `${issues}/${FEATURE_ISSUE_IID}`, {
      body: { state_event: "close" },
    });
    expect(closed.json).toMatchObject({ state: "closed", closed_by: { username: "dana" } });
    expect(closed.json.closed_at).toBe(closed.json.updated_at);
    expect(await iids(`${issues}?state=closed`)).toEqual([FEATURE_ISSUE_IID]);
    expect(await iids(`${issues}?state=opened`)).toEqual([ISSUE_IID]);
  });

  it("lists a group's issues and the user's own (scope created_by_me by default)", async () => {
    expect(await iids(`/groups/${GROUP_ID}/issues`)).toEqual([FEATURE_ISSUE_IID, ISSUE_IID]);
    expect(await iids("/groups/gitlab-org/issues?state=opened&per_page=1")).toEqual([
      FEATURE_ISSUE_IID,
    ]);
    expect((await api("GET", "/groups/nope/issues")).json).toEqual({
      message: "404 Group Not Found",
    });
    const admin = client(sandbox, "production", TOKENS.production.admin);
    expect((await admin<Issue[]>("GET", "/issues")).json).toEqual([]);
    expect((await admin<Issue[]>("GET", "/issues?scope=all")).json).toHaveLength(2);
    expect(await iids("/issues?scope=assigned_to_me")).toEqual([FEATURE_ISSUE_IID]);
  });

  it("paginates with the shared headers, and drops totals above 10,000", async () => {
    const page = await api<Issue[]>("GET", `${issues}?per_page=1&page=2`);
    expect(page.json.map((i) => i.iid)).toEqual([ISSUE_IID]);
    expect(page.headers.get("x-total")).toBe("2");
    expect(page.headers.get("x-prev-page")).toBe("1");
    const state = sandbox.state("production");
    const template = state.issue(PROJECT, ISSUE_IID);
    for (let i = 0; i < 10_000; i++) {
      state.issues.push({ ...template, id: 200_000 + i, iid: 20_000 + i, labels: [] });
    }
    const big = await api<Issue[]>("GET", `${issues}?per_page=100`);
    expect(big.json).toHaveLength(100);
    expect(big.headers.get("x-total")).toBeNull();
    expect(big.headers.get("x-total-pages")).toBeNull();
    expect(big.headers.get("x-next-page")).toBe("2");
    expect(big.headers.get("link")).not.toContain('rel="last"');
  });
});
