// A whole rollout through the CLI against the sandbox, as a person playing each job would see
// it: non-production, production-actors, prepare, each percentage (one played too early), global,
// then a rollback. Flag states, notes and ticks are checked after every step.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import {
  FEATURE_ISSUE_IID,
  FLAG,
  PROJECT,
  PROJECT_ID,
  rolloutWorldSeed,
} from "../../helpers/seeds.js";

describe("a whole rollout", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } }),
  );

  it("goes from off to on everywhere, one job at a time, then rolls back", async () => {
    sb.expectRequests([
      ...ANY_READ,
      { request: WRITES.flag("dev"), times: 1 },
      { request: WRITES.flag("staging"), times: 1 },
      { request: WRITES.flag("production"), times: 5 },
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
    ]);
    const p = phaseRunner(sb, { percentages: [10, 50], milestone: "19.7" });

    expect((await p.run("run", "non-production")).code).toBe(0);
    expect(p.flag("dev", FLAG)?.boolean).toBe(true);
    expect(p.flag("production", FLAG)?.boolean).toBe(false);
    expect(p.box("--dev --staging")).toBe("- [x]");
    expect(p.box("merge request that adds the flag")).toBe("- [x]");

    expect((await p.run("run", "production-actors")).code).toBe(0);
    expect(p.flag("production", FLAG)?.actors).toEqual([`Project:${PROJECT_ID}`]);

    const prepared = await p.run("run", "prepare");
    expect(prepared.code).toBe(0);
    expect(sb.state("production").issue(PROJECT, 42).milestoneId).not.toBeNull();
    const featureNotes = () =>
      sb
        .state("production")
        .notes(PROJECT, FEATURE_ISSUE_IID)
        .filter((n) => !n.system);
    expect(
      featureNotes()
        .map((n) => n.body)
        .join(),
    ).toContain("enabled for everyone around");

    const early = await p.run("run", "rollout", "--percentage", "10");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(
      "soak: only 0 min since the last production change (production-actors",
    );
    expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(0);

    p.advanceMinutes(16);
    expect((await p.run("run", "rollout", "--percentage", "10")).code).toBe(0);
    expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(10);
    expect(p.box(`${FLAG} 10 --actors`)).toBe("- [x]");
    expect(p.box(`${FLAG} 50 --actors`)).toBe("- [ ]");

    p.advanceMinutes(16);
    expect((await p.run("run", "rollout")).code).toBe(0); // no --percentage: the next step
    expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(50);
    expect(p.box(`${FLAG} 50 --actors`)).toBe("- [x]");

    p.advanceMinutes(16);
    expect((await p.run("run", "global")).code).toBe(0);
    expect(p.flag("production", FLAG)).toMatchObject({
      boolean: true,
      actors: [],
      percentage_of_actors: 0,
    });
    expect(p.box(`${FLAG} true\``)).toBe("- [x]");
    expect(
      featureNotes()
        .map((n) => n.body)
        .join(),
    ).toContain("now enabled for everyone on production");

    const back = await p.run("run", "rollback", "--reason", "errors in the graph");
    expect(back.code).toBe(0);
    expect(p.flag("production", FLAG)?.boolean).toBe(false);
    expect(p.flag("dev", FLAG)?.boolean).toBe(true);

    const phases = p.auditNotes().map((n) => readMarker(n.body)!.phase);
    expect(phases).toEqual([
      "non-production",
      "production-actors",
      "prepare",
      "rollout",
      "rollout",
      "global",
      "rollback",
    ]);
    expect(p.auditNotes().at(-1)?.body).toContain("Reason: errors in the graph");
  });
});
