// A rollback clears production's actor gate. Resuming at a percentage afterwards refuses "not now"
// with the fix until production-actors has run again; then the step goes on, on top of the
// actors. Over HTTP against the strict sandbox, the CLI as a process.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
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

describe("resuming after a rollback", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } }),
  );
  const production = () => sb.state("production").features.get(FLAG);
  const productionWrites = () =>
    sb
      .requests({ instance: "production", method: "POST" })
      .filter((r) => r.path.startsWith("/features"));
  const auditNotes = (phase: string) =>
    sb
      .state("production")
      .notes(PROJECT, ISSUE_IID)
      .filter((n) => !n.system && readMarker(n.body)?.phase === phase);

  function jobs() {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), CONFIG);
    let next = 9000;
    return (...args: string[]) => {
      next += 1;
      const name = `ff-rollout:${args.filter((a) => !a.startsWith("-")).join("-")}`;
      const env = { ...s.env, ...ciEnv(String(next), name, String(next + 100)) };
      return runCli(s.args(...args), { ...s, env });
    };
  }

  /** Up to 10 %, then rolled back, the soak after it over. */
  async function rolledBackAtTen(run: ReturnType<typeof jobs>) {
    for (const phase of ["non-production", "production-actors", "prepare"])
      expect((await run("run", phase)).code).toBe(0);
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
