// describe() for end-to-end suites. They run within `npm test`; on a machine where
// gitlab-ci-local cannot run at all (no git or rsync, package not installed) they are skipped
// with the reason in the suite's name. On CI (CI=true) that is a failure instead: there the
// pipeline must really have been run.

import { describe, it } from "vitest";
import { gitlabCiLocalMissing } from "./gitlab-ci-local.js";

/** Each gitlab-ci-local run takes about a second; a suite plays several. */
export const E2E_TIMEOUT = 60_000;

export function describeE2e(name: string, body: () => void): void {
  const missing = gitlabCiLocalMissing();
  if (!missing) {
    describe(name, { timeout: E2E_TIMEOUT }, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("runs gitlab-ci-local (required on CI)", () => {
        throw new Error(`gitlab-ci-local cannot run: ${missing}`);
      });
    });
  } else {
    // The reason in the suite's name (verbose reporters) and once in the log (all reporters).
    console.warn(`end-to-end suite "${name}" skipped: gitlab-ci-local cannot run here: ${missing}`);
    describe.skip(`${name} [skipped: gitlab-ci-local cannot run here: ${missing}]`, body);
  }
}
