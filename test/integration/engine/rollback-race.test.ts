// The rollback job is in no resource group, so a rollback can run at the very moment a forward
// step writes. Here the forward step's write lands AFTER the rollback's write (the window no
// re-read before the write can close), in the two orders that matter: the forward run reads the
// notes after its write once the rollback's note is there (it undoes its write), or before (the
// rollback's read after its note finds the flag on and sets it false again). Sandbox hooks hold
// one run's request while the other goes on, so each interleaving is exact, not a matter of time.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import type { CliResult } from "../../helpers/cli.js";
import {
  ALL_WRITES,
  atTenPercent,
  cliWorld,
  deployedRolloutSeed,
} from "../../helpers/cli-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";

const FEATURE_WRITE = { instance: "production", method: "POST", path: "/features/:name" } as const;

describe("a rollback racing a forward step's write", () => {
  const sb = useStrictSandbox(deployedRolloutSeed);
  const world = cliWorld(sb, 7000);
  const { userNotes, auditNotes, production, jobs } = world;
  const leases = () => userNotes().filter((n) => n.body.includes("ff-rollout:lease"));
  /** The values written to production's flag, in the order GitLab handled them. */
  const productionWrites = () =>
    world.productionWrites().map((r) => String((r.body as { value?: unknown }).value));

  it("the whole rollback between global's last read and its write: global sets it false again", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(sb, run);
    let rollback: Promise<CliResult> | undefined;
    // global's write waits while a whole rollback runs, note and read-again included; then it
    // lands on a flag the rollback had turned off.
    sb.sandbox.faults.add({
      ...FEATURE_WRITE,
      times: 1,
      kind: "hook",
      when: "before",
      run: async () => {
        rollback = run("run", "rollback", "--reason", "errors went up");
        await rollback;
      },
    });
    const global = await run("run", "global");
    const rolledBack = await rollback!;
    expect(rolledBack.code).toBe(0);
    // The rollback's false, global's true landing after it, then global's own undo.
    expect(productionWrites()).toEqual(["false", "true", "false"]);
    expect(global.code).toBe(1);
    expect(global.stderr).toMatch(
      /\[not now\] a rollback was recorded at .* while this run was writing; a rollback always wins, so this run set the flag false again/,
    );
    expect(production()?.boolean).toBe(false);
    expect(auditNotes("global")).toEqual([]);
    expect(auditNotes("rollback")).toHaveLength(1);
    expect(leases()).toEqual([]);
    // The history's last word is the rollback's, and it is true: the next run sees no drift.
    const status = await run("status");
    expect(status.code).toBe(0);
    expect(status.stdout).not.toMatch(/drift/i);
  });

  it("global's check after its write before the rollback's note: the rollback sets it false again", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(sb, run);
    let rollback: Promise<CliResult> | undefined;
    let global: Promise<CliResult> | undefined;
    let rollbackWrote!: () => void;
    const wrote = new Promise<void>((resolve) => {
      rollbackWrote = resolve;
    });
    // 1. global's write waits until the rollback's write is done, so it lands after it.
    sb.sandbox.faults.add({
      ...FEATURE_WRITE,
      times: 1,
      kind: "hook",
      when: "before",
      run: async () => {
        // 3. The rollback's first issue request (who the token is, read before its note)
        // waits until global has finished: global's read of the notes after its write cannot
        // see a rollback note, and global ends thinking it is done.
        sb.sandbox.faults.add({
          instance: "production",
          method: "GET",
          path: "/user",
          times: 1,
          kind: "hook",
          when: "before",
          run: async () => {
            await global;
          },
        });
        rollback = run("run", "rollback", "--reason", "errors went up");
        await wrote;
      },
    });
    // 2. The second write to production's flag is the rollback's.
    sb.sandbox.faults.add({
      ...FEATURE_WRITE,
      after: 1,
      times: 1,
      kind: "hook",
      when: "after",
      run: () => rollbackWrote(),
    });
    global = run("run", "global");
    const forward = await global;
    expect(forward.code).toBe(0);
    const rolledBack = await rollback!;
    expect(rolledBack.code).toBe(0);
    // The rollback's false, global's true after it, and the rollback's second false once its
    // read after its note found the flag on.
    expect(productionWrites()).toEqual(["false", "true", "false"]);
    expect(rolledBack.stderr + rolledBack.stdout).toMatch(
      /turned .* on again on production after the rollback's write: set false again/,
    );
    expect(production()?.boolean).toBe(false);
    expect(auditNotes("global")).toHaveLength(1);
    // The rollback's note was merged with its second write (same job), or a second note: either
    // way the last recorded event on production is the rollback's, "off".
    const events = userNotes()
      .map((n) => readMarker(n.body))
      .filter((e) => e !== undefined);
    expect(events.at(-1)?.phase).toBe("rollback");
    expect(events.at(-1)?.reason).toMatch(/set false again/);
    expect(leases()).toEqual([]);
  });

  it("a second write that fails: the rollback exits 3, its first line says production is NOT off", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(sb, run);
    let rollback: Promise<CliResult> | undefined;
    let global: Promise<CliResult> | undefined;
    let rollbackWrote!: () => void;
    const wrote = new Promise<void>((resolve) => {
      rollbackWrote = resolve;
    });
    // The same interleaving as above, and production refuses the rollback's second write.
    sb.sandbox.faults.add({
      ...FEATURE_WRITE,
      times: 1,
      kind: "hook",
      when: "before",
      run: async () => {
        sb.sandbox.faults.add({
          instance: "production",
          method: "GET",
          path: "/user",
          times: 1,
          kind: "hook",
          when: "before",
          run: async () => {
            await global;
          },
        });
        rollback = run("run", "rollback", "--reason", "errors went up");
        await wrote;
      },
    });
    sb.sandbox.faults.add({
      ...FEATURE_WRITE,
      after: 1,
      times: 1,
      kind: "hook",
      when: "after",
      run: () => rollbackWrote(),
    });
    // GitLab's answer once the token is no longer an administrator's (never retried).
    sb.sandbox.faults.add({
      ...FEATURE_WRITE,
      after: 2,
      times: 1,
      kind: "status",
      status: 403,
      body: { message: "403 Forbidden" },
    });
    global = run("run", "global");
    expect((await global).code).toBe(0);
    const rolledBack = await rollback!;
    expect(rolledBack.code).toBe(3);
    expect(rolledBack.stderr).toMatch(
      /rollback incomplete: `\w+` is off on no instance; NOT off on production\n {2}production: /,
    );
    expect(production()?.boolean).toBe(true);
  });

  it("a rollback that finds no concurrent write reads once more and writes nothing more", async () => {
    sb.expectRequests(ALL_WRITES);
    const run = jobs();
    await atTenPercent(sb, run);
    const rolledBack = await run("run", "rollback", "--reason", "errors went up");
    expect(rolledBack.code).toBe(0);
    expect(productionWrites()).toEqual(["false"]);
    expect(rolledBack.stdout + rolledBack.stderr).toContain("still off wherever it was turned off");
    expect(auditNotes("rollback")).toHaveLength(1);
  });
});
