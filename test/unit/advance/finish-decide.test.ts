// What the schedule may finish, decided from the trusted notes alone: a release or cleanup a
// person started by opening its merge request, not yet finished, and not followed by a rollback
// that no later global run answered. A marker in someone else's note starts nothing.

import { describe, expect, it } from "vitest";
import { decideFinish, describeStatus } from "../../../src/advance/finish-decide.js";
import { readHistory } from "../../../src/engine/history.js";
import type { Note } from "../../../src/gitlab/issues.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { renderNote } from "../../../src/report/note.js";
import { event, FLAG, OFF, ON } from "../../helpers/rollout-state.js";

const BOT = "ff-rollout-bot";
const ENVIRONMENTS = [{ name: "dev" }, { name: "production" }];
const MR = "https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests";
const GONE = { ...OFF, exists: false };

const at = (hour: number) => `2026-11-26T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** A run as its audit note records it, by a person unless `trigger` says otherwise. */
function run(
  phase: string,
  hour: number,
  more: Partial<AuditEvent> = {},
  changes: Parameters<typeof event>[2] = [],
): AuditEvent {
  return { ...event(phase, at(hour), changes), by: "dana", ...more };
}
const opened = (phase: "release" | "cleanup", hour: number, more: Partial<AuditEvent> = {}) =>
  run(phase, hour, {
    issue: [
      `opened ${phase === "release" ? "the default-enabled merge request" : "the cleanup merge request"} ${MR}/7`,
    ],
    ...more,
  });
const deleted = (hour: number, more: Partial<AuditEvent> = {}) =>
  run("cleanup", hour, { trigger: "schedule", ...more }, [
    { env: "dev", before: ON, after: GONE },
    { env: "production", before: ON, after: GONE },
  ]);

function decide(events: AuditEvent[], authors: string[] = events.map(() => BOT)) {
  const notes: Note[] = events.map((e, i) => ({
    id: i + 1,
    body: renderNote(e, e.phase),
    system: false,
    createdAt: e.at,
    updatedAt: e.at,
    author: authors[i]!,
  }));
  const history = readHistory(notes, FLAG, { me: BOT, authors: new Set([BOT]) });
  return decideFinish(history, ENVIRONMENTS);
}

describe("finish_by_schedule: what the schedule may finish", () => {
  it("finishes nothing nobody started", () => {
    const d = decide([run("global", 1)]);
    expect(d.due).toEqual([]);
    expect(d.statuses).toEqual({
      release: { kind: "not-started" },
      cleanup: { kind: "not-started" },
    });
  });

  it("tries a release a person started by opening its MR", () => {
    const d = decide([run("global", 1), opened("release", 2)]);
    expect(d.due).toEqual(["release"]);
    expect(describeStatus("release", d.statuses.release)).toBe(
      `release: started by dana at ${at(2)}`,
    );
  });

  it("does not count a run that opened no MR, the schedule's own, or a failed one", () => {
    // Found the definition already enabled by default: nothing to finish.
    expect(decide([run("release", 2, { outcome: "unchanged" })]).due).toEqual([]);
    expect(decide([opened("release", 2, { trigger: "schedule" })]).due).toEqual([]);
    expect(decide([opened("cleanup", 2, { outcome: "failed" })]).due).toEqual([]);
    // Opened, then another write of the same run failed: the MR is there, so it is started.
    expect(decide([opened("cleanup", 2, { outcome: "partial" })]).due).toEqual(["cleanup"]);
  });

  it("ignores a forged release note: the marker is in someone else's note", () => {
    const d = decide([run("global", 1), opened("release", 2)], [BOT, "mallory"]);
    expect(d.due).toEqual([]);
    expect(d.statuses.release).toEqual({ kind: "not-started" });
  });

  it("leaves a release whose steps are done (a later run that wrote)", () => {
    const d = decide([opened("release", 2), run("release", 5, { trigger: "schedule" })]);
    expect(d.due).toEqual([]);
    expect(d.statuses.release).toEqual({ kind: "finished", at: at(5) });
    // Half done: tried again.
    const half = decide([opened("release", 2), run("release", 5, { outcome: "partial" })]);
    expect(half.due).toEqual(["release"]);
  });

  it("tries release before cleanup when a person started both", () => {
    expect(decide([opened("release", 2), opened("cleanup", 3)]).due).toEqual([
      "release",
      "cleanup",
    ]);
  });

  it("has nothing left once a cleanup deleted the flag on every instance", () => {
    const d = decide([opened("release", 2), opened("cleanup", 3), deleted(4)]);
    expect(d.removed).toBe(at(4));
    expect(d.due).toEqual([]);
    expect(d.statuses.cleanup).toEqual({ kind: "finished", at: at(4) });
  });

  it("a deletion that missed an instance is not the end", () => {
    const partial = run("cleanup", 4, { outcome: "partial" }, [
      { env: "dev", before: ON, after: GONE },
      { env: "production", before: ON, after: ON },
    ]);
    const d = decide([opened("cleanup", 3), partial]);
    expect(d.removed).toBeUndefined();
    expect(d.due).toEqual(["cleanup"]);
  });

  it("stops after a rollback, until a global run answers it", () => {
    const rolledBack = decide([opened("cleanup", 3), run("rollback", 4)]);
    expect(rolledBack.due).toEqual([]);
    expect(rolledBack.statuses.cleanup).toMatchObject({ kind: "rolled-back", at: at(4) });
    expect(describeStatus("cleanup", rolledBack.statuses.cleanup)).toContain(
      `production was rolled back at ${at(4)}: the schedule does not finish it`,
    );
    // A rollback before the person started is history the start already answered.
    expect(decide([run("rollback", 2), opened("cleanup", 3)]).due).toEqual(["cleanup"]);
    const answered = decide([opened("cleanup", 3), run("rollback", 4), run("global", 5)]);
    expect(answered.due).toEqual(["cleanup"]);
  });
});
