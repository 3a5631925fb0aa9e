// Two runs on one flag never both write, and a rollback always wins. The second run is started
// from inside a sandbox hook at a chosen request of the first (hooks may be async: the first
// run's request waits while the whole second run goes on over HTTP), so every interleaving here
// is exact, not a matter of timing.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import type { CliResult } from "../../helpers/cli.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ANY_READ, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

const ALL_WRITES = [
  ...ANY_READ,
  WRITES.flag("dev"),
  WRITES.flag("staging"),
  WRITES.flag("production"),
  WRITES.note,
  WRITES.unlease,
  WRITES.editNote,
  WRITES.issue,
];
const CONFIG = { percentages: [10, 50], milestone: "19.7" };

describe("concurrent runs on one flag", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } }),
  );
  const userNotes = () =>
    sb
      .state("production")
      .notes(PROJECT, ISSUE_IID)
      .filter((n) => !n.system);
  const auditNotes = (phase?: string) =>
    userNotes().filter((n) => {
      const event = readMarker(n.body);
      return event !== undefined && (phase === undefined || event.phase === phase);
    });
  const statusNotes = () => userNotes().filter((n) => n.body.includes("ff-rollout:status-note"));
  const leases = () => userNotes().filter((n) => n.body.includes("ff-rollout:lease"));
  const production = () => sb.state("production").features.get(FLAG);

  function jobs() {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), CONFIG);
    let next = 3000;
    return (...args: string[]) => {
      next += 1;
      const name = `ff-rollout:${args.filter((a) => !a.startsWith("-")).join("-")}`;
      // Each run in its own pipeline: two jobs run by hand, not a retry of one job.
      const env = { ...s.env, ...ciEnv(String(next), name, String(next + 100)) };
      return runCli(s.args(...args), { ...s, env });
    };
  }

  /** Runs `second` while the first request matching `at` waits, before or after GitLab handles it. */
  function during(
    at: { instance: string; method: string; path: string; when: "before" | "after" },
    second: () => Promise<CliResult>,
  ): Promise<CliResult> {
    return new Promise((resolve) => {
      sb.sandbox.faults.add({
        ...at,
        times: 1,
        kind: "hook",
        run: async () => resolve(await second()),
      });
    });
  }

  /** Non-production, production-actors and prepare done, the soak after them over. */
  async function prepared(run: ReturnType<typeof jobs>) {
    for (const phase of ["non-production", "production-actors", "prepare"])
      expect((await run("run", phase)).code).toBe(0);
    sb.sandbox.clock.advance(16 * 60_000);
  }

  it("two runs of a phase at once: the second refuses as not now, naming the first one's job", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    // B starts just as A is about to write its first flag.
    const second = during(
      { instance: "dev", method: "POST", path: "/features/:name", when: "before" },
      () => run("run", "non-production"),
    );
    const first = await run("run", "non-production");
    const b = await second;
    expect(first.code).toBe(0);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/\[not now\] job 3001 \(\S+\/jobs\/3001\) is running non-production/);
    expect(sb.requests({ method: "POST", path: "/features/:name" })).toHaveLength(2); // dev, staging
    expect(auditNotes()).toHaveLength(1);
    expect(statusNotes()).toHaveLength(1);
    expect(leases()).toEqual([]);
  });

  it("two runs that both read before either writes: one writes, the other finds it done", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    // B runs from start to end while A's reading of the issue's notes waits for its answer.
    const second = during(
      {
        instance: "production",
        method: "GET",
        path: "/projects/:id/issues/:iid/notes",
        when: "after",
      },
      () => run("run", "non-production"),
    );
    const first = await run("run", "non-production");
    expect((await second).code).toBe(0);
    expect(first.code).toBe(0);
    expect(sb.requests({ method: "POST", path: "/features/:name" })).toHaveLength(2);
    expect(auditNotes()).toHaveLength(1);
    expect(statusNotes()).toHaveLength(1);
    expect(leases()).toEqual([]);
  });

  it("two percentages at once: never both written", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await prepared(run);
    sb.sandbox.clearLog();
    const second = during(
      { instance: "production", method: "POST", path: "/features/:name", when: "before" },
      () => run("run", "rollout", "--percentage", "50"),
    );
    const first = await run("run", "rollout", "--percentage", "10");
    const b = await second;
    expect(first.code).toBe(0);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("[not now] job");
    expect(
      sb
        .requests({ instance: "production", method: "POST" })
        .filter((r) => r.path.startsWith("/features")),
    ).toHaveLength(1);
    expect(production()?.percentage_of_actors).toBe(10);
    expect(auditNotes("rollout")).toHaveLength(1);
  });

  it("a rollback during a global run wins, even when the rollback could not write its note", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await prepared(run);
    expect((await run("run", "rollout", "--percentage", "50")).code).toBe(0);
    sb.sandbox.clock.advance(16 * 60_000);
    // The issues API fails the rollback's note; the rollback still turns production off.
    const rollback = during(
      { instance: "production", method: "GET", path: "/features", when: "after" },
      () => {
        sb.sandbox.faults.add({
          instance: "production",
          method: "POST",
          path: "/projects/:id/issues/:noteable_id/notes",
          times: 1,
          kind: "status",
          status: 500,
        });
        return run("run", "rollback", "--reason", "errors went up");
      },
    );
    const global = await run("run", "global");
    await rollback;
    expect(production()?.boolean).toBe(false);
    expect(production()?.percentage_of_actors ?? 0).toBe(0);
    expect(global.code).toBe(1);
    expect(auditNotes("global")).toEqual([]);
  });

  it("a phase that finds a rollback recorded after its own start writes nothing", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await prepared(run);
    expect((await run("run", "rollout", "--percentage", "50")).code).toBe(0);
    sb.sandbox.clock.advance(16 * 60_000);
    // The rollback runs, and records its note, right after global's first note (its lease).
    const rollback = during(
      {
        instance: "production",
        method: "POST",
        path: "/projects/:id/issues/:noteable_id/notes",
        when: "after",
      },
      () => run("run", "rollback", "--reason", "errors went up"),
    );
    const global = await run("run", "global");
    expect((await rollback).code).toBe(0);
    expect(global.code).toBe(1);
    expect(global.stderr).toMatch(
      /\[not now\] a rollback was recorded at .*, after this run started/,
    );
    expect(production()?.boolean).toBe(false);
    expect(auditNotes("global")).toEqual([]);
    expect(leases()).toEqual([]);
  });
});
