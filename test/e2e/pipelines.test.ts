// Which jobs each kind of pipeline gets, as gitlab-ci-local computes them from the components'
// rules (nothing runs here): push pipelines on the default branch offer the phases, scheduled
// pipelines run readiness only, other pipelines never offer a production change; and a project
// that includes the component once per flag gets separate jobs and resource groups.

import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ComponentProject, createComponentProject } from "./helpers/component-project.js";
import { expandedConfig, type ListedJob, listJobs } from "./helpers/gitlab-ci-local.js";
import { describeE2e } from "./helpers/suite.js";

const blocking = ["non-production", "production-actors", "prepare", "global", "cleanup"];
const optional = ["rollout: [10]", "rollout: [50]", "release", "rollback"];
const changesProduction = ["production-actors", "rollout", "global", "cleanup", "rollback"];
/** The scheduled step changes production; the watch jobs may roll it back. */
const scheduledOrWatching = ["production-actors-watch", "advance", "advance-watch", "global-watch"];

function flagProject(flags: string[], readiness: Record<string, unknown> = {}): ComponentProject {
  return createComponentProject({
    includes: flags.flatMap((flag) => [
      { component: "rollout" as const, inputs: { flag, percentages: [10, 50] } },
      { component: "readiness" as const, inputs: { flag, ...readiness } },
    ]),
  });
}

const names = (jobs: ListedJob[]) => jobs.map((j) => j.name);
const short = (flag: string) => (jobs: ListedJob[]) =>
  names(jobs).map((n) => n.replace(`ff-rollout:${flag}:`, ""));

describeE2e("the pipelines a project gets from the components", () => {
  let project: ComponentProject;
  beforeAll(() => {
    project = flagProject(["my_flag"]);
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));
  const jobsOf = short("my_flag");

  it("push to the default branch: status runs, each phase waits for a person, no readiness", async () => {
    const jobs = await listJobs(project.dir);
    expect(jobsOf(jobs)).toEqual([
      "status",
      "non-production",
      "production-actors",
      "prepare",
      "rollout: [10]",
      "rollout: [50]",
      "global",
      "release",
      "cleanup",
      "rollback",
    ]);
    const job = (name: string) => jobs.find((j) => j.name === `ff-rollout:my_flag:${name}`)!;
    expect(job("status")).toMatchObject({ when: "on_success", allow_failure: false });
    for (const name of blocking) {
      expect(job(name), name).toMatchObject({ when: "manual", allow_failure: false });
    }
    for (const name of optional) {
      expect(job(name), name).toMatchObject({ when: "manual", allow_failure: true });
    }
  });

  it("orders the phases in the graph with needs; rollback needs nothing", async () => {
    const jobs = await listJobs(project.dir);
    const needs = Object.fromEntries(
      jobs.map((j) => [
        j.name.replace("ff-rollout:my_flag:", ""),
        (j.needs ?? []).map((n) => n.job.replace("ff-rollout:my_flag:", "")),
      ]),
    );
    expect(needs).toMatchObject({
      status: [],
      "non-production": ["status"],
      "production-actors": ["non-production"],
      prepare: ["production-actors"],
      "rollout: [10]": ["prepare"],
      global: ["prepare"],
      release: ["global"],
      cleanup: ["global"],
      rollback: [],
    });
  });

  it("serialises every job of the flag but the rollback and watches, and runs production changes under the environment", async () => {
    await listJobs(project.dir);
    const config = expandedConfig(project.dir);
    const ours = Object.entries(config).filter(([name]) => name.startsWith("ff-rollout:my_flag:"));
    // Ten phase jobs (rollout is one key, in parallel; non-production-percentage is in the
    // configuration but its rules drop it while its input is empty), the scheduled advance, the
    // three watch jobs (their rules drop them unless the watch input is job) + readiness.
    expect(ours).toHaveLength(15);
    for (const [name, job] of ours) {
      const phase = name.replace("ff-rollout:my_flag:", "");
      // Neither a watch job nor the rollback holds the resource group: a rollback must never
      // wait behind a step soaking under watch: step, which holds it through the soak.
      const free = phase.endsWith("-watch") || phase === "rollback";
      expect(job, name).toMatchObject({
        ...(free ? {} : { resource_group: "ff-rollout-my_flag" }),
        interruptible: false,
      });
      if (free) expect(job.resource_group, name).toBeUndefined();
      if (changesProduction.includes(phase) || scheduledOrWatching.includes(phase)) {
        // Not the application's `production`, and not a deployment (action prepare): GitLab's
        // "Prevent outdated deployment jobs" applies to deployment jobs only, so it can never
        // disable one of these, rollback included, in an older pipeline.
        expect(job.environment, name).toEqual({
          name: "ff-rollout",
          deployment_tier: "production",
          action: "prepare",
        });
      } else {
        expect(job.environment, name).toBeUndefined();
      }
    }
  });

  it("scheduled pipelines: readiness only, no rollout job", async () => {
    const jobs = await listJobs(project.dir, { variables: { CI_PIPELINE_SOURCE: "schedule" } });
    expect(jobsOf(jobs)).toEqual(["readiness"]);
    // A schedule that sets the advance variable gets the scheduled step too (its watch job
    // only with the watch input set to job).
    const advancing = await listJobs(project.dir, {
      variables: { CI_PIPELINE_SOURCE: "schedule", FF_ROLLOUT_ADVANCE: "true" },
    });
    expect(jobsOf(advancing)).toEqual(["advance", "readiness"]);
  });

  it("merge request pipelines and other branches: status only, no production change", async () => {
    const mr = await listJobs(project.dir, {
      variables: { CI_PIPELINE_SOURCE: "merge_request_event" },
      unset: ["CI_COMMIT_BRANCH"],
    });
    expect(jobsOf(mr)).toEqual(["status"]);
    const branch = await listJobs(project.dir, { variables: { CI_COMMIT_BRANCH: "feature" } });
    expect(jobsOf(branch)).toEqual(["status"]);
    // There status only informs: without the (protected) tokens it fails, but blocks nothing.
    expect(mr[0]).toMatchObject({ when: "on_success", allow_failure: true });
    expect(branch[0]).toMatchObject({ when: "on_success", allow_failure: true });
  });
});

describeE2e("phase jobs that do not block (blocking: false)", () => {
  let project: ComponentProject;
  beforeAll(() => {
    project = createComponentProject({
      includes: [{ component: "rollout", inputs: { flag: "my_flag", blocking: false } }],
    });
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

  it("are all optional manual jobs, still ordered by needs; status still gates them", async () => {
    const jobs = await listJobs(project.dir);
    const job = (name: string) => jobs.find((j) => j.name === `ff-rollout:my_flag:${name}`);
    expect(job("status")).toMatchObject({ when: "on_success", allow_failure: false });
    for (const name of [...blocking, ...optional.filter((n) => !n.startsWith("rollout"))]) {
      expect(job(name), name).toMatchObject({ when: "manual", allow_failure: true });
    }
    expect(job("global")?.needs?.map((n) => n.job)).toEqual(["ff-rollout:my_flag:prepare"]);
  });
});

describeE2e("readiness gated by a schedule variable", () => {
  let project: ComponentProject;
  beforeAll(() => {
    project = flagProject(["my_flag"], { schedule_variable: "FF_ROLLOUT_READINESS" });
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

  it("runs only in the schedules that set the variable", async () => {
    const schedule = { CI_PIPELINE_SOURCE: "schedule" };
    expect(names(await listJobs(project.dir, { variables: schedule }))).toEqual([]);
    const gated = { ...schedule, FF_ROLLOUT_READINESS: "true" };
    expect(names(await listJobs(project.dir, { variables: gated }))).toEqual([
      "ff-rollout:my_flag:readiness",
    ]);
  });
});

describeE2e("one project including the components for two flags", () => {
  let project: ComponentProject;
  beforeAll(() => {
    project = flagProject(["first_flag", "second_flag"]);
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

  it("gets two sets of jobs with distinct names and resource groups", async () => {
    const jobs = await listJobs(project.dir);
    const first = names(jobs).filter((n) => n.startsWith("ff-rollout:first_flag:"));
    const second = names(jobs).filter((n) => n.startsWith("ff-rollout:second_flag:"));
    expect(first).toHaveLength(10);
    expect(second.map((n) => n.replace("second_flag", "first_flag"))).toEqual(first);
    expect(new Set(names(jobs)).size).toBe(jobs.length);

    const groups = Object.entries(expandedConfig(project.dir))
      .filter(
        ([name]) =>
          name.startsWith("ff-rollout:") && !name.endsWith("-watch") && !name.endsWith(":rollback"),
      )
      .map(([name, job]) => [name.split(":")[1], job.resource_group]);
    // Per flag: nine phase job keys (every one but rollback, which is never queued), advance and
    // readiness.
    expect(groups).toHaveLength(22);
    for (const [flag, group] of groups) expect(group).toBe(`ff-rollout-${flag}`);
    expect(new Set(groups.map(([, group]) => group))).toEqual(
      new Set(["ff-rollout-first_flag", "ff-rollout-second_flag"]),
    );
  });
});
