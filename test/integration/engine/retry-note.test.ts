// A retried CI job (same pipeline, same job name, new job id) edits its earlier note only when
// that attempt did not finish: the retry finishes the same step. A job that finished and runs
// again later under the same name is a new step with a note of its own: a scheduled `advance`
// retried after the next soak takes the next percentage, and merging would erase the step before.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ALL_WRITES, deployedRolloutSeed } from "../../helpers/cli-world.js";
import { phaseRunner } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT } from "../../helpers/seeds.js";

describe("a retried job's note", () => {
  const sb = useStrictSandbox(deployedRolloutSeed);

  async function prepared() {
    const p = phaseRunner(sb, { percentages: [10, 50], milestone: "19.7" });
    for (const phase of ["non-production", "production-actors", "prepare"])
      expect((await p.run("run", phase)).code).toBe(0);
    p.advanceMinutes(16);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      percentages: [10, 50],
      milestone: "19.7",
    });
    let attempt = 5000;
    // Every attempt is the same job of the same pipeline, as GitLab's retry makes it.
    const sameJob = (...args: string[]) =>
      runCli(s.args(...args), {
        cwd: s.dir,
        env: { ...s.env, ...ciEnv(String(attempt++), "ff-rollout:advance", "901") },
      });
    const rolloutNotes = () =>
      sb
        .state("production")
        .notes(PROJECT, ISSUE_IID)
        .map((n) => readMarker(n.body))
        .filter((e) => e?.phase === "rollout");
    return { p, sameJob, rolloutNotes };
  }

  it("is a new note when the earlier attempt finished and the retry takes the next step", async () => {
    sb.expectRequests(ALL_WRITES);
    const { p, sameJob, rolloutNotes } = await prepared();
    expect((await sameJob("run", "rollout", "--percentage", "10")).code).toBe(0);
    p.advanceMinutes(16);
    const next = await sameJob("run", "rollout", "--percentage", "50");
    expect(next.code, next.stderr).toBe(0);
    const steps = rolloutNotes().map((e) => e?.instances[0]?.after.percentageOfActors);
    expect(steps).toEqual([10, 50]);
    expect(rolloutNotes().every((e) => e?.outcome === "done")).toBe(true);
  });

  it("is the same note, edited, when the retry finishes an attempt that failed", async () => {
    sb.expectRequests(ALL_WRITES);
    const { sameJob, rolloutNotes } = await prepared();
    sb.sandbox.faults.add({
      instance: "production",
      method: "POST",
      path: "/features/:name",
      // Past the client's own retries of a 5xx: the attempt fails.
      times: 20,
      kind: "status",
      status: 500,
    });
    const failed = await sameJob("run", "rollout", "--percentage", "10");
    expect(failed.code).not.toBe(0);
    expect(rolloutNotes().map((e) => e?.outcome)).toEqual(["failed"]);
    sb.sandbox.faults.clear();
    const retried = await sameJob("run", "rollout", "--percentage", "10");
    expect(retried.code, retried.stderr).toBe(0);
    expect(rolloutNotes().map((e) => e?.outcome)).toEqual(["done"]);
    expect(sb.state("production").features.get(FLAG)?.percentage_of_actors).toBe(10);
  });
});
