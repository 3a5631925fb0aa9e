// A retried job edits its note with one account of every attempt: an instance covered only by an
// earlier attempt (a rollback of staging, retried for production) keeps its record.

import { describe, expect, it } from "vitest";
import { mergeEvents } from "../../../src/engine/audit-note.js";
import { absentFlag } from "../../../src/flags/types.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { compactState } from "../../../src/report/note.js";

const on = { ...compactState(absentFlag("f")), exists: true, boolean: true };
const off = { ...on, boolean: false };

function rollbackOf(environment: string, at: string): AuditEvent {
  return {
    v: 1,
    kind: "phase",
    phase: "rollback",
    flag: "f",
    at,
    outcome: "done",
    instances: [{ environment, status: "changed", before: on, after: off, applied: ["set false"] }],
  };
}

describe("mergeEvents", () => {
  it("keeps the instances only an earlier attempt covered", () => {
    const merged = mergeEvents(
      rollbackOf("staging", "2026-11-26T10:00:00.000Z"),
      rollbackOf("production", "2026-11-26T10:05:00.000Z"),
    );
    expect(merged.instances.map((i) => [i.environment, i.status])).toEqual([
      ["production", "changed"],
      ["staging", "changed"],
    ]);
    expect(merged.outcome).toBe("done");
  });
});
