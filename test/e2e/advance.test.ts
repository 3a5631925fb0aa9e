// The advance and watch jobs of the rollout component, run by gitlab-ci-local against the sandbox
// and a real Prometheus (backfilled with promtool around the sandbox's clock, healthy all along).
// Push pipelines get neither advance job; the watch jobs follow the production steps they need; a
// scheduled pipeline whose schedule sets the advance variable runs advance, which takes the next
// percentage step by schedule, and its watch job after it. With watch: step, the step's own job
// watches. With the finish_by_schedule input, the scheduled advance finishes the cleanup a person
// started once its merge request is merged and deployed, and waits, writing nothing, before.

import { afterAll, beforeAll, expect, it } from "vitest";
import { startPrometheus, type TestPrometheus } from "../helpers/prometheus.js";
import { releaseWorldSeed } from "../helpers/release-world.js";
import { FEATURE_ISSUE_IID, ISSUE_IID, SEED_CLOCK } from "../helpers/seeds.js";
import { workhorseHistory } from "../helpers/workhorse-exporter.js";
import { listJobs, runGitlabCiLocal } from "./helpers/gitlab-ci-local.js";
import { mergeAndDeployCleanup, PERCENTAGES } from "./helpers/phases.js";
import { startWorld, type World } from "./helpers/rollout-world.js";
import { describeE2e } from "./helpers/suite.js";

const HOUR = 3600_000;
const SEED = Date.parse(SEED_CLOCK);
const ERRORS =
  'sum(rate(gitlab_workhorse_http_requests_total{code=~"5.."}[1m])) / sum(rate(gitlab_workhorse_http_requests_total[1m]))';

describeE2e("the advance and watch jobs", () => {
  let world: World;
  let prometheus: TestPrometheus;
  const schedule = { CI_PIPELINE_SOURCE: "schedule", FF_ROLLOUT_ADVANCE: "true" };

  beforeAll(async () => {
    // The sandbox's clock starts at the seed's time and moves only when told: Prometheus holds
    // healthy Workhorse counters from an hour before it to three after.
    const history = workhorseHistory(new Date(SEED - HOUR), new Date(SEED + 3 * HOUR), 15, () => ({
      perSecond: 100,
      errors: 0.005,
      redirects: 0.05,
    }));
    prometheus = await startPrometheus({ backfill: history });
    await prometheus.waitFor(
      `sum(rate(gitlab_workhorse_http_requests_total[5m] @ ${SEED / 1000}))`,
      (v) => v.length === 1 && v[0]! > 0,
    );
    world = await startWorld({
      inputs: { watch: "job", auto_advance: "global" },
      // No soak: a watch on the sandbox's still clock would never see one end.
      config: (shared) => ({
        ...shared,
        soak_minutes: 0,
        health: {
          prometheus: { url: prometheus.url },
          checks: [{ name: "5xx ratio", query: ERRORS, max: 0.05 }],
        },
      }),
    });
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
    await prometheus?.stop();
  });

  it("push pipelines offer no advance job; each watch job needs its production step", async () => {
    const jobs = await listJobs(world.project.dir);
    const names = jobs.map((j) => j.name);
    expect(names).not.toContain(world.job("advance"));
    expect(names).not.toContain(world.job("advance-watch"));
    for (const step of ["production-actors", "global"]) {
      const watch = jobs.find((j) => j.name === world.job(`${step}-watch`));
      expect(watch, step).toMatchObject({ when: "on_success", allow_failure: false });
      expect(watch?.needs?.map((n) => n.job)).toEqual([world.job(step)]);
    }
    // A schedule that does not set the variable (readiness's) gets no advance job either.
    const plain = await listJobs(world.project.dir, {
      variables: { CI_PIPELINE_SOURCE: "schedule" },
    });
    expect(plain.map((j) => j.name)).toEqual([world.job("readiness")]);
  });

  it("runs the watch job right after production-actors", async () => {
    expect((await world.play("non-production")).code).toBe(0);
    const step = world.job("production-actors");
    const watch = world.job("production-actors-watch");
    const result = await runGitlabCiLocal(world.project.dir, ["--manual", step, step, watch]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`PASS  ${watch}`);
    // It starts once the step is done, and finds no soak to watch (none is configured).
    expect(result.output.indexOf(`${watch} starting shell`)).toBeGreaterThan(
      result.output.indexOf("Posted the audit note"),
    );
    expect(result.output).toMatch(/is over: nothing to watch/);
  });

  it("a schedule that sets the variable runs advance: the next step, by schedule, then its watch", async () => {
    expect((await world.play("prepare")).code).toBe(0);
    await world.sandbox.advanceClock(5);
    const result = await runGitlabCiLocal(world.project.dir, [], { variables: schedule });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`PASS  ${world.job("advance")}`);
    expect(result.output).toMatch(/rollout --percentage 10 is due \(auto_advance: global;/);
    expect(result.output).toContain(`PASS  ${world.job("advance-watch")}`);
    // The advance job's step is done before its watch starts.
    expect(result.output.indexOf(`${world.job("advance-watch")} starting shell`)).toBeGreaterThan(
      result.output.indexOf("Posted the audit note"),
    );
    const production = (await world.sandbox.state("production")).features[world.flag];
    expect(production?.percentage_of_actors).toBe(PERCENTAGES[0]);
    const note = (await world.auditNotes()).at(-1)!;
    expect(note.phase).toBe("rollout");
    expect(note.body).toContain("**ff-rollout · rollout** (by schedule)");
    expect(note.body).toMatch(/Run by schedule/);
  });
});

describeE2e("the watch input set to step", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ inputs: { watch: "step" } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("watches in the production step's own job, and adds no watch job", async () => {
    const jobs = (await listJobs(world.project.dir)).map((j) => j.name);
    expect(jobs.filter((name) => name.endsWith("-watch"))).toEqual([]);
    expect((await world.play("non-production")).code).toBe(0);
    const result = await world.play("production-actors");
    expect(result.code, result.output).toBe(0);
    expect(result.output.match(/starting shell/g)).toHaveLength(1);
    // After the step, in the same job: no health: in this world's config, so nothing to watch.
    expect(result.output.indexOf("nothing to watch")).toBeGreaterThan(
      result.output.indexOf("Posted the audit note"),
    );
  });
});

describeE2e("the finish_by_schedule input", () => {
  let world: World;
  const schedule = { CI_PIPELINE_SOURCE: "schedule", FF_ROLLOUT_ADVANCE: "true" };
  beforeAll(async () => {
    // The flag fully on everywhere, its MR deployed: a person may open the cleanup MR. Neither
    // auto_advance nor health checks: finishing needs neither.
    world = await startWorld({
      seed: releaseWorldSeed({ flag: { boolean: true } }),
      inputs: { finish_by_schedule: "true" },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("the schedule waits on the cleanup MR a person opened, then deletes the flag by schedule", async () => {
    // The advance job alone: the same schedule's readiness job keeps a status note of its own.
    const tick = () =>
      runGitlabCiLocal(world.project.dir, [world.job("advance")], { variables: schedule });
    expect((await world.play("cleanup")).code).toBe(0);
    const before = (await world.writes()).length;
    const waiting = await tick();
    expect(waiting.code, waiting.output).toBe(0);
    expect(waiting.output).toContain(`PASS  ${world.job("advance")}`);
    expect(waiting.output).toMatch(/Nothing to finish yet:/);
    expect(waiting.output).toMatch(/is open, not merged yet/);
    expect(await world.writes()).toHaveLength(before);

    await mergeAndDeployCleanup(world);
    const done = await tick();
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain("Finished cleanup, by schedule.");
    for (const instance of ["dev", "staging", "production"]) {
      expect((await world.sandbox.state(instance)).features[world.flag], instance).toBeUndefined();
    }
    expect((await world.issue(ISSUE_IID))?.state).toBe("closed");
    expect((await world.issue(FEATURE_ISSUE_IID))?.state).toBe("closed");
    const note = (await world.auditNotes()).at(-1)!;
    expect(note.phase).toBe("cleanup");
    expect(note.body).toContain("**ff-rollout · cleanup** (by schedule)");
  });
});
