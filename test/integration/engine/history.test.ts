// The rollout's history rebuilt from the issue: events written as audit notes by a sequence of
// phase runs are read back identically, across pages of 100 notes, among people's comments and
// GitLab's system notes; a status note and damaged markers are not mistaken for events.

import { describe, expect, it } from "vitest";
import { readHistory } from "../../../src/engine/history.js";
import { absentFlag } from "../../../src/flags/types.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { GitLabIssues } from "../../../src/gitlab/issues.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { compactState, renderNote } from "../../../src/report/note.js";
import { renderStatusNote } from "../../../src/report/status-note.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { DEVELOPER, FLAG, ISSUE_IID, PROJECT, standardSeed, TOKENS } from "../../helpers/seeds.js";

// The recorded form of a flag that was never set.
const off = compactState(absentFlag("off"));

function event(phase: string, minute: number, after: Partial<typeof off>): AuditEvent {
  return {
    v: 1,
    kind: "phase",
    phase,
    flag: FLAG,
    at: `2026-11-26T10:${String(minute).padStart(2, "0")}:00.000Z`,
    outcome: "done",
    by: "dana",
    job: {
      id: String(100 + minute),
      name: `ff:${phase}`,
      url: `https://gitlab.example.com/jobs/${100 + minute}`,
    },
    instances: [
      {
        environment: "production",
        status: "changed",
        before: off,
        after: { ...off, exists: true, ...after },
        applied: ["x"],
      },
    ],
  };
}

const EVENTS: AuditEvent[] = [
  event("non-production", 1, { boolean: true }),
  event("production-actors", 5, { actors: ["Project:278964"] }),
  event("rollout", 20, { percentageOfActors: 10 }),
  event("rollout", 40, { percentageOfActors: 50 }),
  event("global", 59, { boolean: true }),
];

describe("history", () => {
  const sb = useStrictSandbox(() => standardSeed());

  it("reads back every event written, in order, across note pages", async () => {
    sb.expectRequests([
      {
        request: "POST /production/api/v4/projects/:id/issues/:iid/notes",
        times: EVENTS.length + 1,
      },
      { request: "GET /production/api/v4/projects/:id/issues/:iid/notes", times: 4 },
    ]);
    const state = sb.state("production");
    const issue = state.issue(PROJECT, ISSUE_IID);
    const author = state.userByUsername(DEVELOPER.username)!.id;
    const client = new GitLabClient(
      {
        name: "issues",
        url: sb.instanceUrl("production"),
        tokenEnv: "FF_ISSUES_TOKEN",
        token: TOKENS.production.user,
      },
      { logger: captureLogger().logger, timeoutMs: 5000 },
    );
    const issues = new GitLabIssues(client);
    const ref = { project: PROJECT, iid: ISSUE_IID, webUrl: "" };

    await issues.createNote(ref, renderStatusNote(FLAG, EVENTS, EVENTS[0]!.at), false);
    for (const [i, e] of EVENTS.entries()) {
      // People talk and GitLab logs between runs: 70 notes each, so the events span four pages.
      for (let n = 0; n < 70; n++) {
        const system = n % 3 === 0;
        state.addNote(
          issue,
          author,
          system ? "marked the checklist item **x** as completed" : `Comment ${i}.${n}`,
          { system },
        );
      }
      // A comment quoting a marker-like text that is not valid must not count.
      state.addNote(issue, author, "<!-- ff-rollout {broken -->");
      await issues.createNote(ref, renderNote(e, `event ${i}`), false);
    }
    const notes = await issues.listNotes(ref);
    expect(notes.length).toBeGreaterThan(300);
    const trust = { me: DEVELOPER.username, authors: new Set([DEVELOPER.username]) };
    const history = readHistory(notes, FLAG, trust);
    // Everything as written but the time, which is the note's on GitLab's clock.
    expect(history.entries.map((h) => ({ ...h.event, at: "" }))).toEqual(
      EVENTS.map((e) => ({ ...e, at: "" })),
    );
    for (const h of history.entries) expect(h.event.at).toBe(h.noteCreatedAt);
    expect(history.statusNote?.body).toContain("status of `sandbox_rollout_flag`");
    // Another flag's events on the same issue are not this flag's history.
    expect(readHistory(notes, "other_flag", trust).entries).toEqual([]);
  });
});
