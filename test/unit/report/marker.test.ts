import { describe, expect, it } from "vitest";
import { absentFlag } from "../../../src/flags/types.js";
import { type AuditEvent, readMarker, renderMarker } from "../../../src/report/marker.js";
import { compactState, renderNote } from "../../../src/report/note.js";

// The recorded form of a flag that was never set.
const off = compactState(absentFlag("off"));
const on = { ...off, exists: true, boolean: true };

const event: AuditEvent = {
  v: 1,
  kind: "phase",
  phase: "non-production",
  flag: "my_flag",
  at: "2026-11-26T10:00:00.000Z",
  outcome: "partial",
  by: "jane",
  job: { id: "77", name: "ff:non-production", url: "https://gitlab.example.com/g/p/-/jobs/77" },
  reason: "a reason with --> and | in it",
  instances: [
    { environment: "dev", status: "changed", before: off, after: on, applied: ["set true"] },
    {
      environment: "staging",
      status: "failed",
      before: off,
      after: off,
      applied: [],
      error: "503 | down",
    },
  ],
};

describe("audit marker", () => {
  it("round-trips through a note body, even with --> in a value", () => {
    const body = renderNote(event, "set `my_flag` to true");
    expect(body.match(/<!--/g)).toHaveLength(1);
    expect(body).toContain("Reason: a reason with --&gt; and \\| in it");
    expect(readMarker(body)).toEqual(event);
    expect(readMarker(`before ${renderMarker(event)} after`)).toEqual(event);
  });

  it("ignores notes that are not ours or whose marker is damaged", () => {
    expect(readMarker("just a comment")).toBeUndefined();
    expect(readMarker('<!-- ff-rollout {"v":2} -->')).toBeUndefined();
    expect(readMarker("<!-- ff-rollout {not json} -->")).toBeUndefined();
  });

  it("renders a table a person reads first, without mentioning anyone", () => {
    const body = renderNote(event, "set `my_flag` to true");
    expect(body).toContain("| dev | off (never set) | on | changed |");
    expect(body).toContain(
      "| staging | off (never set) | off (never set) | **failed**: 503 \\| down |",
    );
    expect(body).toContain("**Stopped part-way.**");
    expect(body).toContain(
      "by `@jane` from [job 77](https://gitlab.example.com/g/p/-/jobs/77) at 2026-11-26 10:00:00 UTC.",
    );
    expect(body).not.toMatch(/(^|\s)@jane/);
  });
});
