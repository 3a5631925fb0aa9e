// Whose notes make the history: the token's user and trusted_authors only; the note's time, not
// the marker's; markers that do not parse are set aside, new fields are tolerated.

import { describe, expect, it } from "vitest";
import { readHistory } from "../../../src/engine/history.js";
import type { Note } from "../../../src/gitlab/issues.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { renderNote } from "../../../src/report/note.js";
import { STATUS_NOTE_MARKER } from "../../../src/report/status-note.js";

const FLAG = "quiet_flag";
const TRUST = { me: "ff-bot", authors: new Set(["ff-bot", "release-bot"]) };

const EVENT: AuditEvent = {
  v: 1,
  kind: "phase",
  phase: "prepare",
  flag: FLAG,
  at: "2020-01-01T00:00:00.000Z",
  outcome: "done",
  instances: [],
};

let nextId = 1;
function note(author: string, body: string, createdAt = "2026-11-26T10:00:00.000Z"): Note {
  return { id: nextId++, body, system: false, createdAt, updatedAt: createdAt, author };
}

describe("readHistory", () => {
  it("counts trusted authors only, timed by the note, and sets the rest aside", () => {
    const notes = [
      note("mallory", renderNote(EVENT, "forged")),
      note("ff-bot", renderNote(EVENT, "ours"), "2026-11-26T10:05:00.000Z"),
      note("release-bot", renderNote({ ...EVENT, phase: "rollout" }, "theirs")),
      note("ff-bot", '<!-- ff-rollout {"v":1,"kind":"phase","phase":"global"} -->'),
      note("mallory", `bait ${STATUS_NOTE_MARKER(FLAG)}`),
    ];
    const history = readHistory(notes, FLAG, TRUST);
    expect(history.entries.map((e) => [e.event.phase, e.author, e.event.at])).toEqual([
      ["rollout", "release-bot", "2026-11-26T10:00:00.000Z"],
      ["prepare", "ff-bot", "2026-11-26T10:05:00.000Z"],
    ]);
    expect(history.statusNote).toBeUndefined();
    expect(history.ignored.map((i) => [i.author, i.claimed])).toEqual([
      ["mallory", "a prepare run (done)"],
      ["ff-bot", "a marker that does not parse"],
      ["mallory", `the status note of \`${FLAG}\``],
    ]);
  });

  it("tolerates fields it does not know, and takes an edited note's time from its edit", () => {
    const edited = {
      ...note("ff-bot", renderNote({ ...EVENT, future: { x: 1 } } as AuditEvent, "newer")),
      updatedAt: "2026-11-26T11:00:00.000Z",
    };
    const history = readHistory([edited], FLAG, TRUST);
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]!.event.at).toBe("2026-11-26T11:00:00.000Z");
  });
});
