// Under the lease a run reads the notes and the flags again at the same time, and writes right
// after: a rollback that lands in between (its flag write before the re-read, its note after the
// notes were read, or no note at all) still stops the write, even with --force. Interleavings
// are exact: sandbox hooks hold a request while the other change happens.

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

describe("the re-read under the lease", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } }),
  );
  const auditNotes = (phase: string) =>
    sb
      .state("production")
      .notes(PROJECT, ISSUE_IID)
      .filter((n) => !n.system && readMarker(n.body)?.phase === phase);
  const production = () => sb.state("production").features.get(FLAG);
  const productionWrites = () =>
    sb
      .requests({ instance: "production", method: "POST" })
      .filter((r) => r.path.startsWith("/features"));

  function jobs() {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), CONFIG);
    let next = 5000;
    return (...args: string[]) => {
      next += 1;
      const name = `ff-rollout:${args.filter((a) => !a.startsWith("-")).join("-")}`;
      const env = { ...s.env, ...ciEnv(String(next), name, String(next + 100)) };
      return runCli(s.args(...args), { ...s, env });
    };
  }

  /** Up to a 10 % rollout, the soak after it over. */
  async function atTenPercent(run: ReturnType<typeof jobs>) {
    for (const phase of ["non-production", "production-actors", "prepare"])
      expect((await run("run", phase)).code).toBe(0);
    sb.sandbox.clock.advance(16 * 60_000);
    expect((await run("run", "rollout", "--percentage", "10")).code).toBe(0);
    sb.sandbox.clock.advance(16 * 60_000);
    sb.sandbox.clearLog();
  }

  it("a rollback with no note yet, between the first read and the lease, stops a forced write", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(run);
    // Production goes off right after the phase's first read answered: a rollback whose note
    // is not written yet. Planned again on "off", a forced 50 % would turn production back on.
    sb.sandbox.faults.add({
      instance: "production",
      method: "GET",
      path: "/features",
      times: 1,
      kind: "hook",
      when: "after",
      run: ({ state }) => {
        // What `false` leaves (Flipper clears every other gate).
        const feature = state.features.get(FLAG)!;
        feature.boolean = false;
        feature.actors = [];
        feature.percentage_of_actors = 0;
      },
    });
    const rollout = await run("run", "rollout", "--percentage", "50", "--force", "--reason", "go");
    expect(rollout.code).toBe(1);
    expect(rollout.stderr).toContain("[not now] production is off, no longer");
    expect(productionWrites()).toEqual([]);
    expect(production()?.boolean).toBe(false);
    expect(production()?.actors).toEqual([]);
    expect(production()?.percentage_of_actors ?? 0).toBe(0);
    expect(auditNotes("rollout")).toHaveLength(1); // the 10 % step's only
    expect(
      sb
        .state("production")
        .notes(PROJECT, ISSUE_IID)
        .filter((n) => n.body.includes("ff-rollout:lease")),
    ).toEqual([]);
  });

  it("a whole rollback run just before the flags' re-read under the lease: nothing written", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(run);
    let rollback: Promise<CliResult> | undefined;
    // The second read of production's flags is global's re-read under its lease: the rollback
    // runs, note and all, while that read waits; the notes read beside it may be answered first.
    sb.sandbox.faults.add({
      instance: "production",
      method: "GET",
      path: "/features",
      after: 1,
      times: 1,
      kind: "hook",
      when: "before",
      run: async () => {
        rollback = run("run", "rollback", "--reason", "errors went up");
        await rollback;
      },
    });
    const global = await run("run", "global");
    expect((await rollback!)?.code).toBe(0);
    expect(global.code).toBe(1);
    expect(global.stderr).toContain("[not now]");
    expect(productionWrites()).toHaveLength(1); // the rollback's
    expect(production()?.boolean).toBe(false);
    expect(auditNotes("global")).toEqual([]);
    expect(auditNotes("rollback")).toHaveLength(1);
  });
});
