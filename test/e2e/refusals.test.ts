// What the pipeline does when a person presses the wrong button: the job fails with the CLI's
// refusal and GitLab is left as it was, unless the person forces it with a reason. Rollback,
// which needs nothing, can be pressed at any time.
// And the dry_run input: the same buttons, no writes.

import { afterAll, beforeAll, expect, it } from "vitest";
import { startWorld, type World } from "./helpers/rollout-world.js";
import { describeE2e } from "./helpers/suite.js";

describeE2e("phase jobs played out of order", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  // A blocking job's failure fails the pipeline; an optional one's (a percentage step) is a
  // warning, as in GitLab: allow_failure: true.
  it.each([
    ["production-actors", /non-production/, "FAIL"],
    ["rollout: [10]", /production-actors|soak/, "WARN"],
    ["global", /production-actors|soak/, "FAIL"],
  ])(
    "%s before its time fails with the refusal and changes nothing",
    async (job, reason, verdict) => {
      const result = await world.play(job);
      expect(result.code).toBe(verdict === "FAIL" ? 1 : 0);
      expect(result.output).toContain(`${verdict}  ${world.job(job)}`);
      expect(result.output).toMatch(/refused/);
      expect(result.output).toMatch(reason);
      expect(await world.writes()).toEqual([]);
      for (const instance of ["dev", "staging", "production"]) {
        const state = await world.sandbox.state(instance);
        expect(state.features[world.flag], instance).toMatchObject({ boolean: false, actors: [] });
      }
      expect(await world.auditNotes()).toEqual([]);
    },
  );

  it("FF_ROLLOUT_FORCE_REASON, set when pressing play, overrides the refusal and is recorded", async () => {
    const reason = "staging is down; verified by hand";
    const result = await world.play("production-actors", { FF_ROLLOUT_FORCE_REASON: reason });
    expect(result.code, result.output).toBe(0);
    const [note] = await world.auditNotes();
    expect(note?.phase).toBe("production-actors");
    expect(note?.body).toContain(`Forced past a refusal. Reason: ${reason}`);
  });

  it("rollback needs nothing: it turns production off from any state", async () => {
    const result = await world.play("rollback");
    expect(result.code, result.output).toBe(0);
    const production = (await world.sandbox.state("production")).features[world.flag];
    expect(production).toMatchObject({ boolean: false, actors: [] });
  });
});

describeE2e("the dry_run input", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ inputs: { dry_run: true } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("makes every phase job print its plan and send no write request", async () => {
    const result = await world.play("non-production");
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("Dry run: nothing was written.");
    expect(await world.writes()).toEqual([]);
    expect((await world.sandbox.state("dev")).features[world.flag]?.boolean).toBe(false);
  });
});
