// describe() for end-to-end suites. They run within `npm test`, whose first step installs what
// gitlab-ci-local needs (scripts/setup.ts). On a machine where it still cannot run (git or rsync
// missing, package not installed: e.g. `npx vitest` without `npm test`) every suite fails with the
// reason and the fix: a test that could not run never counts as passed or skipped.

import { describe, it } from "vitest";
import { gitlabCiLocalMissing } from "./gitlab-ci-local.js";

/** Each gitlab-ci-local run takes about a second; a suite plays several. */
export const E2E_TIMEOUT = 60_000;

export function describeE2e(name: string, body: () => void): void {
  const missing = gitlabCiLocalMissing();
  if (!missing) {
    describe(name, { timeout: E2E_TIMEOUT }, body);
    return;
  }
  describe(name, () => {
    it("runs gitlab-ci-local", () => {
      throw new Error(`gitlab-ci-local cannot run here: ${missing}`);
    });
  });
}
