// The sandbox speaks to the client this project uses (@gitbeaker/rest) as GitLab would:
// pagination through Link/X-Next-Page, JSON bodies, error bodies gitbeaker surfaces.

import { Gitlab } from "@gitbeaker/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { ISSUE_IID, PROJECT, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";

let sandbox: Sandbox;
let api: InstanceType<typeof Gitlab>;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
  api = new Gitlab({ host: sandbox.instanceUrl("dev"), token: TOKENS.dev.admin });
});
afterEach(() => sandbox.close());

describe("@gitbeaker/rest against the sandbox", () => {
  it("follows every page of notes", async () => {
    for (let i = 1; i <= 45; i++) await api.IssueNotes.create(PROJECT, ISSUE_IID, `note ${i}`);
    const notes = await api.IssueNotes.all(PROJECT, ISSUE_IID, { perPage: 20 });
    expect(notes).toHaveLength(45);
    expect(notes[0]?.body).toBe("note 45");
    // The first request carries no page; the next ones follow our Link header.
    expect(sandbox.log.filter((e) => e.method === "GET").map((e) => e.query.page)).toEqual([
      undefined,
      "2",
      "3",
    ]);
  });

  it("edits an issue and reads the normalised description back", async () => {
    const edited = await api.Issues.edit(PROJECT, ISSUE_IID, {
      description: "Checked.\r\n\r\n/close\r\n",
    });
    expect(edited.description).toBe("Checked.");
    expect(edited.state).toBe("closed");
  });

  it("sets a flag through the raw requester, and surfaces GitLab's error message", async () => {
    const reply = await api.requester.post("features/gitbeaker_flag", { body: { value: "true" } });
    expect(reply.status).toBe(201);
    await expect(api.Projects.show("nope/nope")).rejects.toThrow("404 Project Not Found");
  });
});
