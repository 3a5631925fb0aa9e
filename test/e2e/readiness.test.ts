// The readiness component in a scheduled pipeline, run by gitlab-ci-local against the sandbox:
// the readiness job runs by itself, no rollout job does, and the JUnit and JSON reports are the
// job's artifacts.

import { afterAll, beforeAll, expect, it } from "vitest";
import { artifacts } from "./helpers/gitlab-ci-local.js";
import { startWorld, type World } from "./helpers/rollout-world.js";
import { describeE2e } from "./helpers/suite.js";

describeE2e("the readiness component in a scheduled pipeline", () => {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("runs readiness alone and uploads its reports", async () => {
    const w = world!;
    const result = await w.schedule();
    expect(result.output.match(/starting shell/g), result.output).toHaveLength(1);
    expect(result.output).toContain(`${w.job("readiness")} starting shell`);
    // A fresh world (valid tokens, flag known, no drift) is ready: the job's verdict is a pass.
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`PASS  ${w.job("readiness")}`);
    const [junit] = artifacts(w.project.dir, "ff-rollout-readiness.xml");
    expect(junit, result.output).toMatch(/<testsuites?[\s>]/);
    const [report] = artifacts(w.project.dir, "ff-rollout-readiness.json");
    expect(JSON.stringify(JSON.parse(report ?? "null"))).toContain(w.flag);
    // Reading is all it may do to the flags.
    const writes = await w.writes();
    expect(writes.filter((line) => line.includes("/features"))).toEqual([]);
  });
});
