// A rollback clears production's actor gate. Resuming at a percentage afterwards refuses "not now"
// with the fix until production-actors has run again; then the step goes on, on top of the
// actors. Over HTTP against the strict sandbox, the CLI as a process.

import { describe, expect, it } from "vitest";
import {
  ALL_WRITES,
  cliWorld,
  deployedRolloutSeed,
  type JobRunner,
  throughPrepare,
} from "../../helpers/cli-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";

describe("resuming after a rollback", () => {
  const sb = useStrictSandbox(deployedRolloutSeed);
  const { auditNotes, production, productionWrites, jobs } = cliWorld(sb, 9000);
  /** Up to 10 %, then rolled back, the soak after it over. */
  async function rolledBackAtTen(run: JobRunner) {
    await throughPrepare(run);
    sb.sandbox.clock.advance(16 * 60_000);
    expect((await run("run", "rollout", "--percentage", "10")).code).toBe(0);
    expect(production()?.actors.length).toBeGreaterThan(0);
    expect((await run("run", "rollback", "--reason", "errors went up")).code).toBe(0);
    expect(production()?.actors).toEqual([]);
    sb.sandbox.clock.advance(16 * 60_000);
    sb.sandbox.clearLog();
  }

  it("a percentage refuses until production-actors runs again, then goes on over the actors", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await rolledBackAtTen(run);

    const refused = await run("run", "rollout", "--percentage", "50");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /\[not now\] production was rolled back at .*, which cleared the actor gate \(project .*\), and production-actors has not run since: rollout --percentage 50 would run without the configured actors enabled\. Run production-actors again first/,
    );
    expect(productionWrites()).toEqual([]);
    const status = await run("status");
    expect(status.stdout).toContain("production-actors (the rollback cleared the actors' gate)");

    expect((await run("run", "production-actors")).code).toBe(0);
    const actors = production()?.actors;
    expect(actors?.length).toBeGreaterThan(0);
    // The actors' own soak first, as after the first production-actors.
    const early = await run("run", "rollout", "--percentage", "50");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("[not now] soak");
    sb.sandbox.clock.advance(16 * 60_000);
    expect((await run("run", "rollout", "--percentage", "50")).code).toBe(0);
    expect(production()?.actors).toEqual(actors);
    expect(production()?.percentage_of_actors).toBe(50);
  });

  it("global goes straight on: true enables everyone, so no gate is silently lost", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await rolledBackAtTen(run);
    const global = await run("run", "global");
    expect(global.code, global.stderr).toBe(0);
    expect(production()?.boolean).toBe(true);
    expect(auditNotes("global")).toHaveLength(1);
  });
});
