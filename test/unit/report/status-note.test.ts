import { describe, expect, it } from "vitest";
import { absentFlag } from "../../../src/flags/types.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { compactState } from "../../../src/report/note.js";
import { renderStatusNote, STATUS_NOTE_MARKER } from "../../../src/report/status-note.js";

// The recorded form of a flag that was never set.
const off = compactState(absentFlag("off"));
const on = { ...off, exists: true, boolean: true };

const events: AuditEvent[] = [
  {
    v: 1,
    kind: "phase",
    phase: "non-production",
    flag: "my_flag",
    at: "2026-11-26T10:05:00.000Z",
    outcome: "done",
    by: "jane",
    instances: [
      { environment: "dev", status: "changed", before: off, after: on, applied: ["set true"] },
      { environment: "staging", status: "unchanged", before: on, after: on, applied: [] },
    ],
  },
  {
    v: 1,
    kind: "phase",
    phase: "rollback",
    flag: "my_flag",
    at: "2026-11-26T11:30:00.000Z",
    outcome: "partial",
    forced: { reason: "errors" },
    instances: [
      {
        environment: "production",
        status: "failed",
        before: on,
        after: on,
        applied: [],
        error: "503",
      },
    ],
  },
];

describe("renderStatusNote", () => {
  const body = renderStatusNote("my_flag", events, "2026-11-26T11:30:00.000Z");

  it("tabulates each run with what it changed", () => {
    expect(body).toContain(
      "| 1 | non-production | 2026-11-26 10:05 | `@jane` | dev off (never set) → on | done |",
    );
    expect(body).toContain(
      "| 2 | rollback (forced) | 2026-11-26 11:30 |  | production failed | partial |",
    );
  });

  it("draws a Mermaid timeline whose entries carry no character Mermaid would misread", () => {
    const mermaid = body.slice(body.indexOf("```mermaid"), body.lastIndexOf("```"));
    expect(mermaid).toContain("title Rollout of my_flag");
    const entries = mermaid.split("\n").filter((l) => l.startsWith("    2026"));
    expect(entries).toEqual([
      "    2026-11-26 10h05 : non-production : dev off (never set) → on",
      "    2026-11-26 11h30 : rollback : production failed",
    ]);
  });

  it("ends with its marker, and says so when nothing has run", () => {
    expect(body.endsWith(STATUS_NOTE_MARKER("my_flag"))).toBe(true);
    expect(renderStatusNote("my_flag", [], "2026-11-26T10:00:00Z")).toContain(
      "No phase has run yet.",
    );
  });
});
