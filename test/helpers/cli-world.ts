// A rollout world driven through the CLI as separate CI jobs, for the tests that interleave runs
// (the re-read under the lease, a rollback racing a forward write, resuming after a rollback):
// the seed with production deployed, the writes such a rollout sends, a job runner giving each
// call its own job and pipeline, and what the tests read back from the sandbox.

import { expect } from "vitest";
import { readMarker } from "../../src/report/marker.js";
import { runCli } from "./cli.js";
import { ciEnv, sandboxCliSetup } from "./cli-setup.js";
import { ANY_READ, WRITES } from "./phase-runner.js";
import type { StrictSandbox } from "./sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, rolloutWorldSeed } from "./seeds.js";

/** Every request a rollout through the CLI may send. */
export const ALL_WRITES = [
  ...ANY_READ,
  WRITES.flag("dev"),
  WRITES.flag("staging"),
  WRITES.flag("production"),
  WRITES.note,
  WRITES.unlease,
  WRITES.editNote,
  WRITES.issue,
];

export const ROLLOUT_CONFIG = { percentages: [10, 50], milestone: "19.7" };

/** The rollout world with the merge commit deployed to production too. */
export function deployedRolloutSeed() {
  return rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } });
}

export type JobRunner = ReturnType<ReturnType<typeof cliWorld>["jobs"]>;

/** `firstJob`: job ids start after it, so the files' notes never share a job. */
export function cliWorld(sb: StrictSandbox, firstJob: number) {
  const userNotes = () =>
    sb
      .state("production")
      .notes(PROJECT, ISSUE_IID)
      .filter((n) => !n.system);
  return {
    userNotes,
    /** Audit notes of one phase, oldest first. */
    auditNotes: (phase: string) => userNotes().filter((n) => readMarker(n.body)?.phase === phase),
    production: () => sb.state("production").features.get(FLAG),
    /** The writes to production's flag, in the order GitLab handled them. */
    productionWrites: () =>
      sb
        .requests({ instance: "production", method: "POST" })
        .filter((r) => r.path.startsWith("/features")),
    /** Each call is a job of its own (own id, name and pipeline), as pressing play makes it. */
    jobs() {
      const s = sandboxCliSetup((n) => sb.instanceUrl(n), ROLLOUT_CONFIG);
      let next = firstJob;
      return (...args: string[]) => {
        next += 1;
        const name = `ff-rollout:${args.filter((a) => !a.startsWith("-")).join("-")}`;
        const env = { ...s.env, ...ciEnv(String(next), name, String(next + 100)) };
        return runCli(s.args(...args), { ...s, env });
      };
    },
  };
}

/** non-production, production-actors and prepare, each expected to succeed. */
export async function throughPrepare(run: JobRunner) {
  for (const phase of ["non-production", "production-actors", "prepare"])
    expect((await run("run", phase)).code).toBe(0);
}

/** Up to a 10 % rollout, the soak after it over, the request log cleared. */
export async function atTenPercent(sb: StrictSandbox, run: JobRunner) {
  await throughPrepare(run);
  sb.sandbox.clock.advance(16 * 60_000);
  expect((await run("run", "rollout", "--percentage", "10")).code).toBe(0);
  sb.sandbox.clock.advance(16 * 60_000);
  sb.sandbox.clearLog();
}
