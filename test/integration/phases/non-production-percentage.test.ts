// `ff-rollout run non-production --percentage N` against the sandbox: the optional incremental
// step on non-production that some generations of GitLab's template carry. It sets N% of actors
// on every non-production instance, posts its own note and ticks only the percentage item; the
// full enable then waits for the soak and ticks the full item; percentages only go up.

import { describe, expect, it } from "vitest";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, rolloutWorldSeed } from "../../helpers/seeds.js";

const ALL_DEPLOYED = { "gprd-cny": "merge", gprd: "merge" } as const;

const CHECKLIST = [
  "### Rollout on non-production environments",
  "",
  "- [ ] Deploy the flag at a percentage first (50% to start) with `/chatops run feature set <feature-flag-name> <rollout-percentage> --actors --dev --staging`",
  "- [ ] Monitor that the error rates did not go up.",
  "- [ ] Enable the feature globally on non-production environments with `/chatops run feature set <feature-flag-name> true --dev --staging`",
].join("\n");

const PERCENT_ITEM = "Deploy the flag at a percentage first";
const FULL_ITEM = "Enable the feature globally on non-production";

describe("run non-production --percentage", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: ALL_DEPLOYED, description: CHECKLIST }),
  );
  const expectWrites = () =>
    sb.expectRequests([
      { request: WRITES.flag("dev"), max: 3 },
      { request: WRITES.flag("staging"), max: 3 },
      // Audit, status and one lease note per writing run; each lease released after.
      { request: WRITES.note, max: 8 },
      { request: WRITES.editNote, max: 4 },
      { request: WRITES.unlease, max: 4 },
      { request: WRITES.issue, max: 3 },
      ...ANY_READ,
    ]);

  it("sets the percentage everywhere on non-production, ticks only its item, then the full enable waits for the soak", async () => {
    expectWrites();
    const p = phaseRunner(sb);
    const step = await p.run("run", "non-production", "--percentage", "50");
    expect(step.stderr).toBe("");
    expect(step.code).toBe(0);
    for (const instance of ["dev", "staging"]) {
      expect(p.flag(instance, FLAG)).toMatchObject({ boolean: false, percentage_of_actors: 50 });
    }
    expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(0);
    expect(step.stdout).toContain("to 50% of actors on 2 non-production instances");
    expect(p.auditNotes()).toHaveLength(1);
    expect(p.box(PERCENT_ITEM)).toBe("- [x]");
    expect(p.box(FULL_ITEM)).toBe("- [ ]");
    expect(p.box("Monitor that the error rates")).toBe("- [ ]");

    const early = await p.run("run", "non-production");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("soak: only 0 min since the last non-production change");
    expect(p.flag("dev", FLAG)?.boolean).toBe(false);

    p.advanceMinutes(16);
    const full = await p.run("run", "non-production");
    expect(full.stderr).toBe("");
    expect(full.code).toBe(0);
    for (const instance of ["dev", "staging"]) expect(p.flag(instance, FLAG)?.boolean).toBe(true);
    // Its own note: the step's note is not edited into the full enable's.
    expect(p.auditNotes()).toHaveLength(2);
    expect(p.box(FULL_ITEM)).toBe("- [x]");
    expect(p.box("Monitor that the error rates")).toBe("- [ ]");
  });

  it("only goes up: a lower percentage after a higher one is refused and changes nothing", async () => {
    expectWrites();
    const p = phaseRunner(sb);
    expect((await p.run("run", "non-production", "--percentage", "50")).code).toBe(0);
    p.advanceMinutes(16);
    const lower = await p.run("run", "non-production", "--percentage", "25");
    expect(lower.code).toBe(1);
    expect(lower.stderr).toContain(
      "dev is at 50% of actors, staging is at 50% of actors, above 25%",
    );
    expect(p.flag("dev", FLAG)?.percentage_of_actors).toBe(50);
  });

  it("without the step, the full enable leaves the percentage item for a person", async () => {
    expectWrites();
    const p = phaseRunner(sb);
    expect((await p.run("run", "non-production")).code).toBe(0);
    expect(p.box(FULL_ITEM)).toBe("- [x]");
    expect(p.box(PERCENT_ITEM)).toBe("- [ ]");
  });
});
