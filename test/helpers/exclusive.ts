// A machine-wide lock for test files that must not run at the same time as each other. The
// production-gates and watch tests each run the CLI's health gate against their own Prometheus;
// run at once (vitest's two forks), the one that starts second finds "no data" at the gate every
// time although its Prometheus answers the same query a moment before. The cause is not found
// yet; until it is, those files take turns.

import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const STALE_MS = 10 * 60_000;

/** Waits (bounded) until `name` is free, takes it, and returns its release. */
export async function exclusive(name: string, timeoutMs = 180_000): Promise<() => void> {
  const path = join(tmpdir(), `ff-rollout-test-${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      closeSync(openSync(path, "wx"));
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run.
      const since = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > STALE_MS) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${path} is still held after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
