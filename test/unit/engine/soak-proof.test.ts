// The proof that the tool watched every production step's soak before global, rebuilt from the
// issue's notes: advance's judgement recorded in the next step's audit note, a green watch's
// note, the window judged in the run taking global; only trusted authors' notes; only the steps
// since the last rollback of production; a window counts only when green and covering the soak.

import { describe, expect, it } from "vitest";
import { readHistory } from "../../../src/engine/history.js";
import { proveSoaksWatched } from "../../../src/engine/soak-proof.js";
import type { Note } from "../../../src/gitlab/issues.js";
import { global } from "../../../src/phases/global.js";
import type { AuditEvent } from "../../../src/report/marker.js";
import { renderNote } from "../../../src/report/note.js";
import type { SoakWindow } from "../../../src/report/soak-window.js";
import { readWatchMarker, renderWatchNote } from "../../../src/report/watch-note.js";
import { event, FLAG, flag, state, testConfig } from "../../helpers/rollout-state.js";

const TRUST = { me: "ff-bot", authors: new Set(["ff-bot"]) };
const config = testConfig({ soak_minutes: 15, percentages: [10, 50] });
const PROOF = { environments: config.environments, soakMinutes: 15 };

const OFF = flag();
const ACTORS = flag({ actors: ["Project:1"] });
const AT = (p: number) => flag({ actors: ["Project:1"], percentageOfActors: p });
const t = (hhmm: string) => `2026-11-26T${hhmm}:00.000Z`;

/** A trusted audit note of a production change at `at`, with advance's judgement if given. */
function step(
  id: number,
  phase: string,
  at: string,
  before = OFF,
  after = ACTORS,
  soakWindow?: SoakWindow,
): Note {
  const e: AuditEvent = {
    ...event(phase, at, [{ env: "production", before, after }]),
    ...(soakWindow ? { soakWindow } : {}),
  };
  return note(id, "ff-bot", renderNote(e, phase), at);
}

function window(
  stepNote: number,
  phase: string,
  from: string,
  to: string,
  more: Partial<SoakWindow> = {},
): SoakWindow {
  return {
    step: { noteId: stepNote, phase },
    from,
    to,
    by: "advance",
    checks: [
      { name: "5xx ratio", verdict: "green", value: 0.002, detail: "worst 0.002 (max 0.01)" },
    ],
    ...more,
  };
}

function watchNote(id: number, author: string, w: SoakWindow, at = w.to): Note {
  return note(id, author, renderWatchNote({ v: 1, flag: FLAG, window: w }), at);
}

function note(id: number, author: string, body: string, createdAt: string): Note {
  return { id, body, system: false, createdAt, updatedAt: createdAt, author };
}

/** production-actors at 10:00; 10% by advance at 10:20 (judging 10:00..10:20); 50% by a person at 10:40. */
function rollout(watchOf10: Note[] = []): Note[] {
  return [
    step(1, "production-actors", t("10:00")),
    step(
      2,
      "rollout",
      t("10:20"),
      ACTORS,
      AT(10),
      window(1, "production-actors", t("10:00"), t("10:20")),
    ),
    ...watchOf10,
    step(4, "rollout", t("10:40"), AT(10), AT(50)),
  ];
}
const WATCH_10 = window(2, "rollout", t("10:20"), t("10:35"), {
  step: { noteId: 2, phase: "rollout", percentage: 10 },
  by: "watch",
  evaluations: 16,
  intervalSeconds: 60,
});
const GLOBAL_RUN = window(4, "rollout", t("10:40"), t("10:56"));

describe("proveSoaksWatched", () => {
  it("is proven when every step's soak has a green window: advance's, a watch's, this run's", () => {
    const history = readHistory(rollout([watchNote(3, "ff-bot", WATCH_10)]), FLAG, TRUST);
    expect(history.watches).toHaveLength(1);
    expect(proveSoaksWatched(history, PROOF, GLOBAL_RUN)).toEqual({
      proven: true,
      steps: ["production-actors", "rollout 10%", "rollout 50%"],
    });
  });

  it("names the step whose soak nobody watched", () => {
    const history = readHistory(rollout([watchNote(3, "ff-bot", WATCH_10)]), FLAG, TRUST);
    // Without this run's window: the soak after 50% was watched by no one.
    const proof = proveSoaksWatched(history, PROOF);
    expect(proof.proven).toBe(false);
    expect(proof.proven ? [] : proof.missing).toEqual([
      `the soak after rollout 50% (note 4, ${t("10:40")}) was not watched by the tool: no green watch and no judgement by advance covers it`,
    ]);
  });

  it("ignores a watch note by anyone but a trusted author, and sets it aside", () => {
    const history = readHistory(rollout([watchNote(3, "mallory", WATCH_10)]), FLAG, TRUST);
    expect(history.watches).toEqual([]);
    expect(history.ignored.map((i) => [i.author, i.claimed])).toEqual([
      ["mallory", "a watch of a soak"],
    ]);
    const proof = proveSoaksWatched(history, PROOF, GLOBAL_RUN);
    expect(proof.proven ? [] : proof.missing).toEqual([
      expect.stringMatching(/^the soak after rollout 10% \(note 2,/),
    ]);
  });

  it("counts no window that is red, late, short, or of another step", () => {
    const cases: SoakWindow[] = [
      { ...WATCH_10, checks: [{ ...WATCH_10.checks[0]!, verdict: "red" }] },
      { ...WATCH_10, checks: [] },
      // began three minutes after the step, with a one-minute interval
      { ...WATCH_10, from: t("10:23") },
      // stopped before the soak's end
      { ...WATCH_10, to: t("10:30") },
      { ...WATCH_10, step: { noteId: 1, phase: "production-actors" } },
    ];
    for (const w of cases) {
      const history = readHistory(rollout([watchNote(3, "ff-bot", w)]), FLAG, TRUST);
      expect(proveSoaksWatched(history, PROOF, GLOBAL_RUN).proven, JSON.stringify(w)).toBe(false);
    }
  });

  it("after a rollback of production, needs only the steps since it", () => {
    const notes = [
      step(1, "production-actors", t("10:00")),
      step(2, "rollout", t("10:20"), ACTORS, AT(10)),
      step(3, "rollback", t("10:25"), AT(10), OFF),
      // resumed by a person: 10% again at 11:00, watched; 50% by advance judging 11:00..11:20
      step(4, "rollout", t("11:00"), OFF, AT(10)),
      step(6, "rollout", t("11:20"), AT(10), AT(50), window(4, "rollout", t("11:00"), t("11:20"))),
    ];
    const history = readHistory(notes, FLAG, TRUST);
    const thisRun = window(6, "rollout", t("11:20"), t("11:36"));
    expect(proveSoaksWatched(history, PROOF, thisRun)).toEqual({
      proven: true,
      steps: ["rollout 10%", "rollout 50%"],
    });
    // Without the rollback, the first production-actors and 10% would have needed watching.
    const unrolled = readHistory(
      notes.filter((n) => n.id !== 3),
      FLAG,
      TRUST,
    );
    const proof = proveSoaksWatched(unrolled, PROOF, thisRun);
    expect(proof.proven ? [] : proof.missing).toEqual([
      expect.stringMatching(/^the soak after production-actors \(note 1, /),
      expect.stringMatching(/^the soak after rollout 10% \(note 2, /),
    ]);
  });

  it("a rollback of non-production only does not restart the count", () => {
    const staging = note(
      3,
      "ff-bot",
      renderNote(
        event("rollback", t("10:25"), [
          { env: "staging", before: flag({ boolean: true }), after: OFF },
        ]),
        "rollback",
      ),
      t("10:25"),
    );
    const history = readHistory(rollout([staging]), FLAG, TRUST);
    const proof = proveSoaksWatched(history, PROOF, GLOBAL_RUN);
    expect(proof.steps).toEqual(["production-actors", "rollout 10%", "rollout 50%"]);
    expect(proof.proven).toBe(false);
  });

  it("proves nothing when no production step is recorded", () => {
    const proof = proveSoaksWatched(readHistory([], FLAG, TRUST), PROOF);
    expect(proof.proven).toBe(false);
  });
});

describe("watch note", () => {
  it("reads back what it wrote, and its text is inert", () => {
    const w = { ...WATCH_10, checks: [{ ...WATCH_10.checks[0]!, name: "@all /close --> x" }] };
    const body = renderWatchNote({ v: 1, flag: FLAG, window: w, by: "dana" });
    expect(readWatchMarker(body)).toMatchObject({ flag: FLAG, window: w, by: "dana" });
    // inline() writes a zero-width space after "%" (safe-markdown.ts).
    expect(body).toMatch(
      /^\*\*ff-rollout · watch\*\* · every health check stayed green through the soak after rollout 10%\u200b?\./u,
    );
    expect(body).not.toMatch(/(^|\s)@all|^\/close|--> x/m);
  });
});

describe("global", () => {
  it("verifies soaks-watched when proven, and otherwise says which soak is left to a person", () => {
    const on = { dev: flag({ boolean: true }), staging: flag({ boolean: true }) };
    const runs = [
      event("prepare", t("09:00"), []),
      event("production-actors", t("10:00"), [{ env: "production", before: OFF, after: ACTORS }]),
    ];
    // noteIds follow the events' order: production-actors is note 2.
    const s = state(config, { ...on, production: ACTORS }, runs, t("10:20"), {
      featureIssue: { missing: "none configured" },
    });
    const proven = global.plan(s, {
      force: false,
      everywhere: false,
      soakWindow: window(2, "production-actors", t("10:00"), t("10:20")),
    });
    expect(proven.facts).toContainEqual({ kind: "verified", intent: "soaks-watched" });
    const unproven = global.plan(s, { force: false, everywhere: false });
    expect(unproven.facts).not.toContainEqual({ kind: "verified", intent: "soaks-watched" });
    expect(unproven.checks.find((c) => c.name === "soaks watched")?.detail).toMatch(
      /^left to a person: the soak after production-actors \(note 2, /,
    );
  });
});
