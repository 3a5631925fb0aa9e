// The optional non-production percentage step, played from the component: with the
// non_production_percentage input the pipeline offers a non-production-percentage job that sets
// that percentage on every non-production instance with its own audit note; the non-production
// job then waits for the soak before turning the flag fully on. Without the input (the other
// e2e worlds) the job does not exist.

import { afterAll, beforeAll, expect, it } from "vitest";
import { listJobs } from "./helpers/gitlab-ci-local.js";
import { startWorld, type World } from "./helpers/rollout-world.js";
import { describeE2e } from "./helpers/suite.js";

describeE2e("the non-production percentage step", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ inputs: { non_production_percentage: "50" } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("is an optional manual job, only when the input sets a percentage", async () => {
    const listed = await listJobs(world.project.dir);
    const job = listed.find((j) => j.name === world.job("non-production-percentage"));
    expect(job).toMatchObject({ when: "manual", allow_failure: true });
    // The other e2e worlds leave the input empty: no such job there.
    const plain = await startWorld();
    try {
      const jobs = await listJobs(plain.project.dir);
      expect(jobs.map((j) => j.name)).toContain(plain.job("non-production"));
      expect(jobs.map((j) => j.name)).not.toContain(plain.job("non-production-percentage"));
    } finally {
      await plain.stop();
    }
    const result = await world.push();
    expect(result.code, result.output).toBe(0);
    expect(result.output.match(/starting shell/g)).toHaveLength(1);
  });

  it("sets the percentage on non-production, then non-production waits for the soak", async () => {
    const step = await world.play("non-production-percentage");
    expect(step.code, step.output).toBe(0);
    for (const instance of ["dev", "staging"]) {
      const state = await world.sandbox.state(instance);
      expect(state.features[world.flag]).toMatchObject({
        boolean: false,
        percentage_of_actors: 50,
      });
    }
    expect((await world.auditNotes()).map((n) => n.phase)).toEqual(["non-production"]);

    const early = await world.play("non-production");
    expect(early.code, early.output).not.toBe(0);
    expect(early.output).toContain("since the last non-production change");

    await world.sandbox.advanceClock(16);
    const full = await world.play("non-production");
    expect(full.code, full.output).toBe(0);
    for (const instance of ["dev", "staging"]) {
      const state = await world.sandbox.state(instance);
      expect(state.features[world.flag]).toMatchObject({ boolean: true });
    }
    const notes = await world.auditNotes();
    expect(notes.map((n) => n.phase)).toEqual(["non-production", "non-production"]);
  });
});
