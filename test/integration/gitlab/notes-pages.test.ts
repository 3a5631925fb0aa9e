// GitLabIssues.listNotes reads a long history as GitLab pages it: the first page, then every
// other page at once, oldest first, each note once, and nothing but page reads of the notes.

import { describe, expect, it } from "vitest";
import { GitLabIssues } from "../../../src/gitlab/issues.js";
import { sandboxIssuesClient } from "../../helpers/issues-client.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { DEVELOPER, ISSUE_IID, PROJECT, standardSeed, TOKENS } from "../../helpers/seeds.js";

describe("listNotes on a long history", () => {
  const sb = useStrictSandbox(() => standardSeed());

  it("reads page 1, then pages 2 and 3, and returns 250 notes oldest first", async () => {
    sb.expectRequests([
      { request: "GET /production/api/v4/projects/:id/issues/:iid/notes", times: 3 },
    ]);
    const state = sb.state("production");
    const issue = state.issue(PROJECT, ISSUE_IID);
    const author = state.userByUsername(DEVELOPER.username)!.id;
    const before = state.notes(PROJECT, ISSUE_IID).length;
    for (let n = 0; n < 250 - before; n++) {
      // A ticked box leaves a system note; people comment in between.
      const system = n % 2 === 0;
      state.addNote(
        issue,
        author,
        system ? `marked the checklist item **item ${n}** as completed` : `Comment ${n}`,
        { system },
      );
    }
    const client = sandboxIssuesClient(sb.instanceUrl("production"), TOKENS.production.user);
    const notes = await new GitLabIssues(client).listNotes({
      project: PROJECT,
      iid: ISSUE_IID,
      webUrl: "",
    });

    const expected = state.notes(PROJECT, ISSUE_IID).map((n) => n.id);
    expect(notes.map((n) => n.id)).toEqual(expected);
    expect(new Set(notes.map((n) => n.id)).size).toBe(250);
    const reads = sb.sandbox.log.map((e) => e.query);
    expect(reads[0]).toMatchObject({
      page: "1",
      per_page: "100",
      sort: "asc",
      order_by: "created_at",
    });
    expect(
      reads
        .slice(1)
        .map((q) => q.page)
        .sort(),
    ).toEqual(["2", "3"]);
  });
});
