// Under the lease a run reads the notes and the flags again at the same time, and writes right
// after: a rollback that lands in between (its flag write before the re-read, its note after the
// notes were read, or no note at all) still stops the write, even with --force. Interleavings
// are exact: sandbox hooks hold a request while the other change happens.

import { describe, expect, it } from "vitest";
import type { CliResult } from "../../helpers/cli.js";
import {
  ALL_WRITES,
  atTenPercent,
  cliWorld,
  deployedRolloutSeed,
} from "../../helpers/cli-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT } from "../../helpers/seeds.js";

describe("the re-read under the lease", () => {
  const sb = useStrictSandbox(deployedRolloutSeed);
  const { auditNotes, production, productionWrites, jobs } = cliWorld(sb, 5000);

  it("a rollback with no note yet, between the first read and the lease, stops a forced write", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(sb, run);
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
    await atTenPercent(sb, run);
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
