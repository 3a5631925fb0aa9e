// Issues: reading, updating, the quick-action pass on every update, and the system notes an
// update writes.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  SEED_CLOCK,
  singleInstanceSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

type Issue = Record<string, unknown> & {
  description: string;
  updated_at: string;
  state: string;
  labels: string[];
};
type Note = { body: string; system: boolean; author: { username: string } };

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const issuePath = `/projects/${encodeURIComponent(PROJECT)}/issues/${ISSUE_IID}`;
const description = ["## Steps", "", "- [ ] Enable on staging", "- [ ] Enable on production"].join(
  "\n",
);

beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed({ description }) });
  api = client(sandbox, "dev", TOKENS.dev.user);
});
afterEach(() => sandbox.close());

const update = (body: Record<string, unknown>) => api<Issue>("PUT", issuePath, { body });
const systemNotes = () =>
  sandbox
    .state("dev")
    .notes(PROJECT, ISSUE_IID)
    .filter((n) => n.system)
    .map((n) => n.body);

describe("GET /projects/:id/issues/:issue_iid", () => {
  it("renders GitLab's issue fields", async () => {
    const reply = await api<Issue>("GET", issuePath);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      iid: ISSUE_IID,
      project_id: PROJECT_ID,
      state: "opened",
      description,
      labels: ["feature flag"],
      milestone: null,
      closed_at: null,
      author: { username: "dana" },
      assignees: [],
      web_url: `${sandbox.instanceUrl("dev")}/${PROJECT}/-/issues/${ISSUE_IID}`,
      references: {
        short: `#${ISSUE_IID}`,
        relative: `#${ISSUE_IID}`,
        full: `${PROJECT}#${ISSUE_IID}`,
      },
      task_completion_status: { count: 2, completed_count: 0 },
      created_at: SEED_CLOCK,
    });
  });

  it("an unknown issue is ActiveRecord's 404 Not found; a bad iid is a Grape 400", async () => {
    const missing = await api("GET", `/projects/${PROJECT_ID}/issues/9999`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: "404 Not found" });
    const bad = await api("GET", `/projects/${PROJECT_ID}/issues/abc`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: "issue_iid is invalid" });
  });
});

describe("PUT /projects/:id/issues/:issue_iid", () => {
  it("needs at least one parameter, in Grape's words", async () => {
    const reply = await update({});
    expect(reply.status).toBe(400);
    expect((reply.json as unknown as { error: string }).error).toMatch(
      /^assignee_id, assignee_ids, confidential, created_at, description, .*, title, issue_type.* are missing, at least one parameter must be provided$/,
    );
  });

  it("rejects an unknown state_event", async () => {
    expect((await update({ state_event: "delete" })).json).toEqual({
      error: "state_event does not have a valid value",
    });
  });

  it("moves updated_at on every change, on a frozen clock too", async () => {
    const first = await update({ title: "Rollout, take two" });
    expect(first.json.updated_at > SEED_CLOCK).toBe(true);
    const second = await update({ title: "Rollout, take three" });
    expect(second.json.updated_at > first.json.updated_at).toBe(true);
  });

  it("closes and reopens, with closed_at and closed_by", async () => {
    const closed = await update({ state_event: "close" });
    expect(closed.json).toMatchObject({ state: "closed", closed_by: { username: "dana" } });
    expect(closed.json.closed_at).not.toBeNull();
    const reopened = await update({ state_event: "reopen" });
    expect(reopened.json).toMatchObject({ state: "opened", closed_at: null, closed_by: null });
  });

  it("sets, adds and removes labels, creating unknown ones", async () => {
    expect((await update({ add_labels: "rollout::in progress,brand new" })).json.labels).toEqual([
      "brand new",
      "feature flag",
      "rollout::in progress",
    ]);
    expect((await update({ remove_labels: "brand new" })).json.labels).toEqual([
      "feature flag",
      "rollout::in progress",
    ]);
    expect((await update({ labels: "" })).json.labels).toEqual([]);
  });

  it("sets a milestone by id and unsets it with an id that is not the project's", async () => {
    expect((await update({ milestone_id: 501 })).json.milestone).toMatchObject({
      id: 501,
      iid: 7,
      title: "19.7",
    });
    expect((await update({ milestone_id: 0 })).json.milestone).toBeNull();
  });

  it("keeps non-ASCII text intact", async () => {
    const text = "Déploiement 🚀 — 段階的な展開\n\n- [ ] Étape 1";
    expect((await update({ description: text })).json.description).toBe(text);
  });
});

describe("the quick-action pass on update", () => {
  it("removes every CR and the trailing whitespace of the whole text, not of each line", async () => {
    const reply = await update({ description: "Line one  \r\nLine two\r\n\r\n  \n" });
    expect(reply.json.description).toBe("Line one  \nLine two");
  });

  it("executes and removes a /close line in a top-level paragraph", async () => {
    const reply = await update({ description: `${description}\n\n/close\n\nAfter.` });
    expect(reply.json.state).toBe("closed");
    // The blank line after the command goes with it.
    expect(reply.json.description).toBe(`${description}\n\nAfter.`);
  });

  it("keeps the same line inside a code block, a list item or a quote", async () => {
    const kept = [
      "```\n/close\n```",
      "- [ ] a step\n/close",
      "> quoted\n/close",
      "<div>\n/close\n</div>",
      "Run `\n/close\n` by hand",
    ];
    for (const text of kept) {
      const reply = await update({ description: text });
      expect(reply.json.description, text).toBe(text);
      expect(reply.json.state, text).toBe("opened");
    }
  });

  it("applies /label and /milestone, removes known commands it cannot run, keeps /cc", async () => {
    const reply = await update({
      description:
        'Text\n\n/label ~"rollout::in progress"\n/milestone %"19.7"\n/assign @dana\n/cc @dana',
    });
    expect(reply.json.labels).toEqual(["feature flag", "rollout::in progress"]);
    expect(reply.json.milestone).toMatchObject({ title: "19.7" });
    expect(reply.json.description).toBe("Text\n\n/cc @dana");
  });

  it("runs over the stored description when none is sent", async () => {
    sandbox.state("dev").issue(PROJECT, ISSUE_IID).description = "Stored\r\n/close\r\n";
    const reply = await update({ title: "Only the title" });
    expect(reply.json.description).toBe("Stored");
    expect(reply.json.state).toBe("closed");
  });
});

describe("system notes", () => {
  it("ticking and unticking a checklist item writes 'marked the checklist item'", async () => {
    await update({
      description: description.replace("- [ ] Enable on staging", "- [x] Enable on staging"),
    });
    await update({ description });
    expect(systemNotes()).toEqual([
      "marked the checklist item **Enable on staging** as completed",
      "marked the checklist item **Enable on staging** as incomplete",
    ]);
    const notes = await api<Note[]>("GET", `${issuePath}/notes`);
    expect(notes.json[0]).toMatchObject({ system: true, author: { username: "dana" } });
  });

  it("any other description change writes 'changed the description'; a title change its own note", async () => {
    await update({ description: `${description}\n\nMore words.` });
    await update({ title: "Rollout of flag_a" });
    await update({ title: "Rollout of flag_b" });
    expect(systemNotes()).toEqual([
      "changed the description",
      "changed title from **{-[Feature flag] Rollout of `sandbox_rollout_flag`-}** to **{+Rollout of flag_a+}**",
      "changed title from **Rollout of flag_{-a-}** to **Rollout of flag_{+b+}**",
    ]);
  });

  it("seeded descriptions are stored normalised, as GitLab stores them", async () => {
    await sandbox.close();
    sandbox = await startSandbox({
      seed: singleInstanceSeed({ description: "Seeded\r\n/close\r\n\n" }),
    });
    expect(sandbox.state("dev").issue(PROJECT, ISSUE_IID)).toMatchObject({
      description: "Seeded",
      state: "opened",
    });
  });

  it("an update that changes nothing writes nothing and keeps updated_at", async () => {
    const before = sandbox.state("dev").issue(PROJECT, ISSUE_IID).updatedAt;
    const reply = await update({ description });
    expect(reply.json.updated_at).toBe(before);
    expect(systemNotes()).toEqual([]);
  });
});
