// Issue links over HTTP: listing, creating (201), the system notes on both issues, and
// GitLab's 409, 404, 422 and 400 answers.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  FEATURE_ISSUE_IID,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  rolloutWorldSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

type Related = { iid: number; link_type: string; issue_link_id: number };

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const links = (iid: number) => `/projects/${encodeURIComponent(PROJECT)}/issues/${iid}/links`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

const link = (body: Record<string, unknown>) =>
  api<Record<string, unknown>>("POST", links(ISSUE_IID), { body });
const systemNotes = (iid: number) =>
  sandbox
    .state("production")
    .notes(PROJECT, iid)
    .filter((n) => n.system)
    .map((n) => n.body);

describe("issue links", () => {
  it("links two issues (201) and lists the link from both sides", async () => {
    const reply = await link({
      target_project_id: PROJECT_ID,
      target_issue_iid: FEATURE_ISSUE_IID,
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      source_issue: { iid: ISSUE_IID },
      target_issue: { iid: FEATURE_ISSUE_IID },
      link_type: "relates_to",
    });
    const fromRollout = await api<Related[]>("GET", links(ISSUE_IID));
    expect(fromRollout.json).toMatchObject([{ iid: FEATURE_ISSUE_IID, link_type: "relates_to" }]);
    const fromFeature = await api<Related[]>("GET", links(FEATURE_ISSUE_IID));
    expect(fromFeature.json).toMatchObject([{ iid: ISSUE_IID, link_type: "relates_to" }]);
    expect(systemNotes(ISSUE_IID)).toEqual([
      `marked this issue as related to #${FEATURE_ISSUE_IID}`,
    ]);
    expect(systemNotes(FEATURE_ISSUE_IID)).toEqual([
      `marked this issue as related to #${ISSUE_IID}`,
    ]);
  });

  it("stores is_blocked_by as blocks from the other side", async () => {
    const reply = await link({
      target_project_id: PROJECT,
      target_issue_iid: String(FEATURE_ISSUE_IID),
      link_type: "is_blocked_by",
    });
    expect(reply.json).toMatchObject({
      source_issue: { iid: FEATURE_ISSUE_IID },
      target_issue: { iid: ISSUE_IID },
      link_type: "blocks",
    });
    const fromRollout = await api<Related[]>("GET", links(ISSUE_IID));
    expect(fromRollout.json[0]?.link_type).toBe("is_blocked_by");
    expect(systemNotes(ISSUE_IID)).toEqual([
      `marked this issue as blocked by #${FEATURE_ISSUE_IID}`,
    ]);
    expect(systemNotes(FEATURE_ISSUE_IID)).toEqual([`marked this issue as blocking #${ISSUE_IID}`]);
  });

  it("answers GitLab's errors", async () => {
    const body = { target_project_id: PROJECT_ID, target_issue_iid: FEATURE_ISSUE_IID };
    await link(body);
    const again = await link(body);
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ message: "Issue(s) already assigned" });
    const reverse = await api("POST", links(FEATURE_ISSUE_IID), {
      body: { target_project_id: PROJECT_ID, target_issue_iid: ISSUE_IID },
    });
    expect(reverse.status).toBe(409);
    const noIssue = await link({ target_project_id: PROJECT_ID, target_issue_iid: 9 });
    expect(noIssue.status).toBe(404);
    expect(noIssue.json).toEqual({ message: "404 Not found" });
    const noProject = await link({ target_project_id: 1, target_issue_iid: 9 });
    expect(noProject.json).toEqual({ message: "404 Project Not Found" });
    const self = await link({ target_project_id: PROJECT_ID, target_issue_iid: ISSUE_IID });
    expect(self.status).toBe(422);
    expect(self.json).toEqual({
      message: `#${ISSUE_IID} cannot be added: cannot be related to itself`,
    });
    const badType = await link({ ...body, link_type: "duplicates" });
    expect(badType.json).toEqual({ error: "link_type does not have a valid value" });
    const missing = await link({});
    expect(missing.json).toEqual({
      error: "target_project_id is missing, target_issue_iid is missing",
    });
    const source = await api("GET", links(9));
    expect(source.json).toEqual({ message: "404 Not found" });
  });

  it("reads seeded links", async () => {
    await sandbox.close();
    sandbox = await startSandbox({ seed: rolloutWorldSeed({ linked: true }) });
    api = client(sandbox, "production", TOKENS.production.user);
    const reply = await api<Related[]>("GET", links(FEATURE_ISSUE_IID));
    expect(reply.json).toMatchObject([{ iid: ISSUE_IID, link_type: "relates_to" }]);
  });
});
