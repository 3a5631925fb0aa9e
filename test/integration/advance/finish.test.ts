// finish_by_schedule through the CLI against the strict sandbox: a person plays release (or
// cleanup) once to open its merge request; each scheduled `advance` then waits, writing nothing,
// while that MR is open, not in the release or not deployed, and finishes the phase by itself, as
// an ordinary run marked "by schedule", once it may. After the cleanup has deleted the flag the
// schedule has nothing left, says so, and reads no more than the notes.

import { describe, expect, it } from "vitest";
import { recordDeployment } from "../../../src/sandbox/index.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { pushCodeWithoutFlag, releaseWorldSeed } from "../../helpers/release-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FEATURE_ISSUE_IID, FLAG, ISSUE_IID, PROJECT, PROJECT_ID } from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";
const COMMIT = `POST ${API}/repository/commits`;
const OPEN_MR = `POST ${API}/merge_requests`;
const DELETE = (instance: string) => `DELETE /${instance}/api/v4/features/:name`;
const RELEASE_BRANCH = `ff-rollout/${FLAG}-default-enabled`;
const CLEANUP_BRANCH = `ff-rollout/${FLAG}-cleanup`;
const WRITING = [
  COMMIT,
  OPEN_MR,
  WRITES.note,
  WRITES.unlease,
  WRITES.editNote,
  WRITES.issue,
  ...ANY_READ,
];

describe("advance finishes what a person started (finish_by_schedule)", () => {
  // A day and more fully on: a person's release may open its MR.
  const sb = useStrictSandbox(() => releaseWorldSeed({ globalMinutesAgo: 25 * 60 }));
  const home = () => sb.state("production");
  const mrFrom = (branch: string) => home().mergeRequests.find((m) => m.sourceBranch === branch)!;
  const setup = (extra: Record<string, unknown> = {}) =>
    phaseRunner(sb, { milestone: "19.7", finish_by_schedule: true, ...extra });
  /** A tick that must write nothing and end well; returns its output. */
  async function idleTick(p: ReturnType<typeof setup>) {
    const before = p.writes().length;
    const tick = await p.run("advance");
    expect(tick.code, tick.stdout + tick.stderr).toBe(0);
    expect(p.writes()).toHaveLength(before);
    return tick.stdout;
  }

  it("waits while the release MR is open or not in the release, then does the release steps by schedule", async () => {
    sb.expectRequests(WRITING);
    const p = setup();
    const opened = await p.run("run", "release");
    expect(opened.code, opened.stderr).toBe(0);
    const notes = p.auditNotes().length;

    const mr = mrFrom(RELEASE_BRANCH);
    expect(await idleTick(p)).toContain(
      `the default-enabled merge request ${sb.instanceUrl("production")}/${PROJECT}/-/merge_requests/${mr.iid} is open, not merged`,
    );
    home().mergeMergeRequest(PROJECT, mr.iid, { user: "dana" });
    expect(await idleTick(p)).toContain("not yet in the 19.7 release");
    expect(p.auditNotes()).toHaveLength(notes);

    home().repository(mr.projectId).branches.set("19-7-stable-ee", mr.mergeCommitSha!);
    const finished = await p.run("advance");
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain("Finished release, by schedule.");
    expect(home().issue(PROJECT, FEATURE_ISSUE_IID).state).toBe("closed");
    const note = p.auditNotes().at(-1)!;
    expect(note.body).toContain("by schedule");
    expect(note.body).toContain('"trigger":"schedule"');
    expect(note.body).toContain('"phase":"release"');

    // Finished: the next tick leaves the release alone, and writes nothing.
    expect(await idleTick(p)).toContain("release: finished at");
  });

  it("finishes the cleanup once merged and deployed; then the schedule has nothing left", async () => {
    sb.expectRequests([
      ...WRITING,
      { request: DELETE("dev"), times: 1 },
      { request: DELETE("staging"), times: 1 },
      { request: DELETE("production"), times: 1 },
    ]);
    const p = setup();
    expect((await p.run("run", "cleanup")).code).toBe(0);
    const mr = mrFrom(CLEANUP_BRANCH);
    expect(await idleTick(p)).toContain(`is open, not merged yet`);

    pushCodeWithoutFlag(home(), PROJECT_ID, CLEANUP_BRANCH);
    home().mergeMergeRequest(PROJECT, mr.iid, { user: "dana" });
    expect(await idleTick(p)).toContain("is not deployed to gprd-cny");
    for (const env of ["gprd-cny", "gprd"]) {
      recordDeployment(home(), PROJECT, env, mrFrom(CLEANUP_BRANCH).mergeCommitSha!);
    }
    const done = await p.run("advance");
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("Finished cleanup, by schedule.");
    for (const instance of ["dev", "staging", "production"]) {
      expect(p.flag(instance, FLAG)).toBeUndefined();
    }
    expect(home().issue(PROJECT, ISSUE_IID).state).toBe("closed");
    expect(p.auditNotes().at(-1)!.body).toContain('"trigger":"schedule"');

    // The watch after the advance job (watch: step or job) has nothing to watch: a breach now
    // would roll back a flag the code no longer reads, creating it again. Health checks are
    // configured, on a Prometheus that is never asked.
    const watcher = setup({
      soak_minutes: 60,
      health: {
        prometheus: { url: "http://127.0.0.1:9" },
        checks: [{ name: "5xx ratio", query: "sum(rate(errors[5m]))", max: 0.01 }],
      },
    });
    const watch = await watcher.run("watch");
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stdout).toContain(
      "The last production change deleted the flag (cleanup): nothing to watch.",
    );

    // Nothing left: said so, from the notes alone (the user and the notes, nothing else).
    const from = sb.sandbox.log.length;
    expect(await idleTick(p)).toContain("nothing is left for the schedule");
    const reads = sb.sandbox.log.slice(from).map((e) => e.route);
    expect(reads.sort()).toEqual(["GET /projects/:id/issues/:noteable_id/notes", "GET /user"]);
  });

  it("after a rollback finishes nothing, and leaves the percentage steps to their own rule", async () => {
    sb.expectRequests([...WRITING, WRITES.flag("production")]);
    // auto_advance on too: health checks on a Prometheus that is never asked (no step is due).
    const p = setup({
      auto_advance: "global",
      health: {
        prometheus: { url: "http://127.0.0.1:9" },
        checks: [{ name: "5xx ratio", query: "sum(rate(errors[5m]))", max: 0.01 }],
      },
    });
    expect((await p.run("run", "cleanup")).code).toBe(0);
    const rollback = await p.run("run", "rollback", "--reason", "errors up");
    expect(rollback.code, rollback.stderr).toBe(0);
    const out = await idleTick(p);
    expect(out).toContain("but production was rolled back at");
    // Nothing of finish's to try: advance's own rules answer (here: the phases a person runs).
    expect(out).toContain("advance takes over after them");
    expect(mrFrom(CLEANUP_BRANCH).state).toBe("opened");
  });

  it("never starts a phase nobody pressed", async () => {
    sb.expectRequests(ANY_READ);
    const p = setup();
    expect(await idleTick(p)).toContain(
      "neither release nor cleanup was started by a person (the schedule finishes them, it never starts them)",
    );
    expect(mrFrom(RELEASE_BRANCH)).toBeUndefined();
    expect(mrFrom(CLEANUP_BRANCH)).toBeUndefined();
  });

  it("is off by default: with auto_advance off too, a tick sends no request", async () => {
    sb.expectRequests([]);
    const p = phaseRunner(sb, {});
    const tick = await p.run("advance");
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.stdout).toContain("auto_advance is off");
    expect(sb.sandbox.log).toHaveLength(0);
  });
});
