// Issue notes: order, pagination headers over HTTP, creation rules, edit permissions.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { ISSUE_IID, PROJECT, PROJECT_ID, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

type Note = { id: number; body: string; system: boolean; internal: boolean; noteable_iid: number };

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const notesPath = `/projects/${PROJECT_ID}/issues/${ISSUE_IID}/notes`;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
  api = client(sandbox, "dev", TOKENS.dev.user);
});
afterEach(() => sandbox.close());

async function addNotes(count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    expect((await api("POST", notesPath, { body: { body: `note ${i}` } })).status).toBe(201);
  }
}

describe("GET notes", () => {
  it("sorts newest first by default, oldest first with sort=asc", async () => {
    await addNotes(3);
    expect((await api<Note[]>("GET", notesPath)).json.map((n) => n.body)).toEqual([
      "note 3",
      "note 2",
      "note 1",
    ]);
    expect((await api<Note[]>("GET", `${notesPath}?sort=asc`)).json.map((n) => n.body)).toEqual([
      "note 1",
      "note 2",
      "note 3",
    ]);
    expect((await api("GET", `${notesPath}?order_by=id`)).json).toEqual({
      error: "order_by does not have a valid value",
    });
  });

  it("pages with GitLab's headers: first, middle and last page", async () => {
    await addNotes(5);
    const first = await api<Note[]>("GET", `${notesPath}?per_page=2`);
    expect(first.json.map((n) => n.body)).toEqual(["note 5", "note 4"]);
    expect(
      Object.fromEntries(
        ["x-page", "x-per-page", "x-next-page", "x-prev-page", "x-total", "x-total-pages"].map(
          (h) => [h, first.headers.get(h)],
        ),
      ),
    ).toEqual({
      "x-page": "1",
      "x-per-page": "2",
      "x-next-page": "2",
      "x-prev-page": "",
      "x-total": "5",
      "x-total-pages": "3",
    });
    const base = `${sandbox.instanceUrl("dev")}/api/v4${notesPath}`;
    const query = (page: number) =>
      `activity_filter=all_notes&id=${PROJECT_ID}&noteable_id=${ISSUE_IID}&order_by=created_at&page=${page}&per_page=2&sort=desc`;
    expect(first.headers.get("link")).toBe(
      `<${base}?${query(2)}>; rel="next", <${base}?${query(1)}>; rel="first", <${base}?${query(3)}>; rel="last"`,
    );

    const middle = await api<Note[]>("GET", `${notesPath}?per_page=2&page=2`);
    expect(middle.json.map((n) => n.body)).toEqual(["note 3", "note 2"]);
    expect([middle.headers.get("x-prev-page"), middle.headers.get("x-next-page")]).toEqual([
      "1",
      "3",
    ]);
    expect(middle.headers.get("link")).toContain('rel="prev"');

    const last = await api<Note[]>("GET", `${notesPath}?per_page=2&page=3`);
    expect(last.json.map((n) => n.body)).toEqual(["note 1"]);
    expect(last.headers.get("x-next-page")).toBe("");
    expect(last.headers.get("link")).not.toContain('rel="next"');
  });

  it("clamps per_page above 100 to 100 and refuses 0", async () => {
    const reply = await api("GET", `${notesPath}?per_page=500`);
    expect(reply.headers.get("x-per-page")).toBe("100");
    expect(reply.headers.get("link")).toContain("per_page=500");
    expect((await api("GET", `${notesPath}?per_page=0`)).json).toEqual({
      error: "per_page has a value not allowed",
    });
  });

  it("system notes are in the list and its pages", async () => {
    await addNotes(1);
    await api("PUT", `/projects/${PROJECT_ID}/issues/${ISSUE_IID}`, {
      body: { title: "New title" },
    });
    const reply = await api<Note[]>("GET", notesPath);
    expect(reply.json.map((n) => n.system)).toEqual([true, false]);
    expect(reply.headers.get("x-total")).toBe("2");
  });

  it("an unknown issue is 404 Issue Not Found here", async () => {
    const reply = await api("GET", `/projects/${PROJECT_ID}/issues/9999/notes`);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ message: "404 Issue Not Found" });
  });
});

describe("POST and PUT notes", () => {
  it("requires a body", async () => {
    const reply = await api("POST", notesPath, { body: {} });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: "body is missing" });
  });

  it("creates internal notes and answers 201 with the note", async () => {
    const reply = await api<Note>("POST", notesPath, {
      body: { body: "Internal detail", internal: true },
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      body: "Internal detail",
      internal: true,
      system: false,
      noteable_iid: ISSUE_IID,
    });
  });

  it("normalises a note body like a description: no CR, no trailing whitespace", async () => {
    const reply = await api<Note>("POST", notesPath, {
      body: { body: "Line\r\n<!-- marker -->\r\n\r\n" },
    });
    expect(reply.json.body).toBe("Line\n<!-- marker -->");
  });

  it("a command-only note is not saved: 202 with the changes", async () => {
    const reply = await api("POST", notesPath, { body: { body: "/close" } });
    expect(reply.status).toBe(202);
    expect(reply.json).toEqual({
      commands_changes: { state_event: "close" },
      summary: ["Closed this issue."],
    });
    expect(sandbox.state("dev").issue(PROJECT, ISSUE_IID).state).toBe("closed");
    expect(sandbox.state("dev").notes(PROJECT, ISSUE_IID)).toEqual([]);
  });

  it("only the author or an admin may edit; nobody edits a system note", async () => {
    const created = await api<Note>("POST", notesPath, { body: { body: "mine" } });
    const path = `${notesPath}/${created.json.id}`;
    expect((await api<Note>("PUT", path, { body: { body: "edited" } })).json.body).toBe("edited");
    expect(
      (await api<Note>("PUT", path, { token: TOKENS.dev.admin, body: { body: "by admin" } }))
        .status,
    ).toBe(200);
    expect((await api<Note>("GET", path)).json.body).toBe("by admin");
    expect((await api("PUT", path, { body: { body: "" } })).json).toEqual({
      error: "body is empty",
    });

    const state = sandbox.state("dev");
    const other = state.addNote(state.issue(PROJECT, ISSUE_IID), 1, "admin's note");
    const refused = await api("PUT", `${notesPath}/${other.id}`, { body: { body: "hijack" } });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ message: "403 Forbidden" });
    const system = state.addNote(state.issue(PROJECT, ISSUE_IID), 2, "changed the description", {
      system: true,
    });
    expect((await api("PUT", `${notesPath}/${system.id}`, { body: { body: "x" } })).status).toBe(
      403,
    );
  });

  it("an unknown note is ActiveRecord's 404 Not found", async () => {
    expect((await api("GET", `${notesPath}/424242`)).json).toEqual({ message: "404 Not found" });
  });
});
