// What a green watch records: the window from its first evaluation to its last with each check's
// worst figure, and nothing when it began more than an interval after the step.

import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../../src/engine/history.js";
import type { HealthReport } from "../../../src/health/evaluate.js";
import { WatchTally } from "../../../src/watch/watch-record.js";
import { event, flag, testConfig } from "../../helpers/rollout-state.js";

const config = testConfig();
const STEP: HistoryEntry = {
  event: event("production-actors", "2026-11-26T10:00:00.000Z", [
    { env: "production", before: flag(), after: flag({ actors: ["Project:1"] }) },
  ]),
  noteId: 7,
  noteCreatedAt: "2026-11-26T10:00:00.000Z",
  author: "ff-bot",
};
const CHECKS = [
  { name: "5xx ratio", query: "q1", max: 0.01 },
  { name: "apdex", query: "q2", min: 0.9 },
];

function report(at: string, errors: number, apdex: number): HealthReport {
  return {
    at,
    results: [
      {
        name: "5xx ratio",
        query: "q1",
        verdict: "green",
        value: errors,
        detail: `${errors} (max 0.01)`,
      },
      { name: "apdex", query: "q2", verdict: "green", value: apdex, detail: `${apdex} (min 0.9)` },
    ],
  };
}

describe("WatchTally", () => {
  it("records the window watched with each check's worst figure, in its own direction", () => {
    const tally = new WatchTally(CHECKS);
    tally.add(report("2026-11-26T10:00:40.000Z", 0.002, 0.97));
    tally.add(report("2026-11-26T10:01:40.000Z", 0.006, 0.95));
    tally.add(report("2026-11-26T10:02:40.000Z", 0.001, 0.99));
    const watched = tally.window(STEP, { config }, 60);
    expect(watched).toEqual({
      window: {
        step: { noteId: 7, phase: "production-actors" },
        from: "2026-11-26T10:00:40.000Z",
        to: "2026-11-26T10:02:40.000Z",
        by: "watch",
        evaluations: 3,
        intervalSeconds: 60,
        checks: [
          {
            name: "5xx ratio",
            verdict: "green",
            value: 0.006,
            detail: "worst 0.006 (max 0.01) over 3 evaluations",
          },
          {
            name: "apdex",
            verdict: "green",
            value: 0.95,
            detail: "worst 0.95 (min 0.9) over 3 evaluations",
          },
        ],
      },
    });
  });

  it("records nothing when it began more than an interval after the step", () => {
    const tally = new WatchTally(CHECKS);
    tally.add(report("2026-11-26T10:03:00.000Z", 0.002, 0.97));
    expect(tally.window(STEP, { config }, 60)).toEqual({
      gap: "the watch began 180 s after the step (more than its 60 s interval), so it did not see the whole soak",
    });
  });
});
