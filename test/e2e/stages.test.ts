// The `stages` input as gitlab-ci-local computes the pipeline from it: single (the default) puts
// every job in the `stage` input's stage; per-phase puts each phase in its own stage, in the
// template's order, while `needs` still orders the phases and rollback still needs nothing.
// A project that forgets a stage gets no pipeline at all; rollback runs while blocking manual
// jobs in earlier stages wait (gitlab-ci-local runs a pipeline the way GitLab does: stages in
// order, `needs` jobs as soon as what they need is done, manual jobs only when asked).

import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { perPhaseStages } from "../helpers/component-templates.js";
import { type ComponentProject, createComponentProject } from "./helpers/component-project.js";
import {
  expandedConfig,
  type ListedJob,
  listJobs,
  runGitlabCiLocal,
} from "./helpers/gitlab-ci-local.js";
import { describeE2e } from "./helpers/suite.js";

const PREFIX = "ff-rollout:my_flag:";
// A stand-in CLI that records each run's arguments and environment action, so the test sees
// which jobs ran without a sandbox.
const CLI = "./bin/record-run";
const files = {
  "bin/record-run": '#!/bin/sh\necho "$* env=${CI_ENVIRONMENT_ACTION:-}" >> runs.txt\n',
};

function project(inputs: Record<string, unknown>, stages?: string[]): ComponentProject {
  return createComponentProject({
    includes: [
      {
        component: "rollout",
        inputs: { flag: "my_flag", percentages: [10, 50], cli: CLI, ...inputs },
      },
    ],
    files,
    ...(stages ? { stages } : {}),
  });
}

const stageOf = (jobs: ListedJob[]) =>
  Object.fromEntries(jobs.map((job) => [job.name.replace(PREFIX, ""), job.stage]));

describeE2e("the stages input", () => {
  const made: ComponentProject[] = [];
  const track = (p: ComponentProject) => {
    made.push(p);
    return p;
  };
  afterAll(() => {
    for (const p of made) rmSync(p.dir, { recursive: true, force: true });
  });

  it("single (the default): every job in the stage input's stage, deploy unless set", async () => {
    const byDefault = track(project({}));
    expect(new Set(Object.values(stageOf(await listJobs(byDefault.dir))))).toEqual(
      new Set(["deploy"]),
    );
    const named = track(project({ stage: "flags" }, ["test", "flags"]));
    expect(new Set(Object.values(stageOf(await listJobs(named.dir))))).toEqual(new Set(["flags"]));
  });

  describe("per-phase, with the README's stages list", () => {
    let p: ComponentProject;
    beforeAll(() => {
      p = track(project({ stages: "per-phase" }, ["build", "test", "deploy", ...perPhaseStages()]));
    });

    it("puts each phase in its own stage, left to right in the template's order", async () => {
      const jobs = await listJobs(p.dir);
      expect(stageOf(jobs)).toEqual({
        status: "ff-status",
        "non-production": "ff-non-production",
        "production-actors": "ff-production-actors",
        prepare: "ff-prepare",
        "rollout: [10]": "ff-rollout",
        "rollout: [50]": "ff-rollout",
        global: "ff-global",
        release: "ff-release",
        cleanup: "ff-cleanup",
        rollback: "ff-rollback",
      });
      // The same needs as with one stage: the graph's order does not depend on the stages.
      const needs = Object.fromEntries(
        jobs.map((j) => [
          j.name.replace(PREFIX, ""),
          (j.needs ?? []).map((n) => n.job.replace(PREFIX, "")),
        ]),
      );
      expect(needs).toMatchObject({
        "non-production": ["status"],
        global: ["prepare"],
        rollback: [],
      });
    });

    // What ran, from the stand-in CLI's record: its command and phase, e.g. "run rollback".
    const ran = () =>
      existsSync(join(p.dir, "runs.txt"))
        ? readFileSync(join(p.dir, "runs.txt"), "utf8")
            .trim()
            .split("\n")
            .map((line) => line.split(" --")[0]?.split(" env=")[0])
        : [];

    it("runs rollback while the blocking manual phases of earlier stages wait", async () => {
      const result = await runGitlabCiLocal(p.dir, ["--manual", `${PREFIX}rollback`]);
      expect(result.code, result.output).toBe(0);
      // status (automatic) and rollback ran; non-production, blocking, in an earlier stage,
      // was never played, and nothing else ran.
      expect(ran().sort()).toEqual(["run rollback", "status"]);
      expect(readFileSync(join(p.dir, "runs.txt"), "utf8")).toMatch(/run rollback .*env=prepare/);
    });

    it("while a phase that needs an unplayed one cannot run (the check above can fail)", async () => {
      rmSync(join(p.dir, "runs.txt"), { force: true });
      const result = await runGitlabCiLocal(p.dir, ["--manual", `${PREFIX}global`]);
      // gitlab-ci-local refuses to play a job whose needs include a manual job not played.
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/prepare is when:manual, its needed by .*:global/);
      expect(ran()).toEqual([]);
    });
  });

  it("stages listed out of the rollout's order: no pipeline", async () => {
    // GitLab: "<job> job: need <job> is not defined in current or prior stages".
    const reversed = [...perPhaseStages()].reverse();
    const p = track(project({ stages: "per-phase" }, ["test", ...reversed]));
    const result = await runGitlabCiLocal(p.dir, []);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /needs: \[.*:status\] for .*:non-production is in a future stage/,
    );
    expect(existsSync(join(p.dir, "runs.txt"))).toBe(false);
  });

  it("a stage the project does not list: no pipeline, no job runs", async () => {
    // GitLab's own words for this: "<job> job: chosen stage ff-status does not exist; available
    // stages are ..." (lib/gitlab/ci/yaml_processor.rb); gitlab-ci-local says it its way.
    const p = track(project({ stages: "per-phase" }, ["test", "deploy"]));
    const result = await runGitlabCiLocal(p.dir, []);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/stage:ff-status.* not found for .*ff-rollout:my_flag:status/);
    expect(existsSync(join(p.dir, "runs.txt"))).toBe(false);
  });

  it("per-phase stages can be renamed, and several phases can share one", async () => {
    const p = track(
      project({ stages: "per-phase", release_stage: "ff-finish", cleanup_stage: "ff-finish" }, [
        "test",
        ...perPhaseStages().filter((s) => !["ff-release", "ff-cleanup"].includes(s)),
        "ff-finish",
      ]),
    );
    const stages = stageOf(await listJobs(p.dir));
    expect(stages).toMatchObject({
      release: "ff-finish",
      cleanup: "ff-finish",
      rollback: "ff-rollback",
    });
    // The map itself is a hidden key: GitLab never makes it a job.
    expect(Object.keys(expandedConfig(p.dir))).toContain(".ff-rollout:my_flag:stages");
  });
});
