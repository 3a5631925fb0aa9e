// The README's first command must keep working: the demo runs the flag's whole life on the
// embedded sandbox (rollout, release, cleanup) and tells it, ending with exit code 0.

import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("ff-rollout demo", () => {
  it("rolls a flag out, releases it and removes it, with two refusals on the way", async () => {
    const started = Date.now();
    const result = await runCli(["demo"], { env: {}, cwd: process.cwd() });
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stdout).toContain("Step 15/15: Where do we stand now?");
    expect(result.stderr).toContain(
      "ERROR: rollout refused:\n  - [not now] soak: only 0 min since the last production change",
    );
    expect(result.stdout).toContain(
      "[x] `/chatops gitlab run feature set new_pipeline_graph true`   ← ticked now",
    );
    // Release: the MR, a person's merge in the sandbox, the release check.
    expect(result.stdout).toMatch(
      /opened the default-enabled merge request http:\S+\/merge_requests\/5002/,
    );
    expect(result.stdout).toContain("the sandbox's merge");
    expect(result.stdout).toContain("in the 19.7 release: stable branch 19-7-stable-ee contains");
    expect(result.stdout).toContain(
      "[x] `/chatops gitlab run release check <merge-request-url> <milestone>`   ← ticked now",
    );
    // Cleanup: refused while the MR is open, then deleted everywhere once deployed.
    expect(result.stderr).toContain(
      "ERROR: cleanup refused:\n  - [not now] the cleanup merge request",
    );
    expect(result.stdout).toContain("deployments recorded in the sandbox");
    expect(result.stdout).toContain(
      "[x] `/chatops gitlab run feature delete new_pipeline_graph --dev --staging --production`   ← ticked now",
    );
    expect(result.stdout).toMatch(/production +production +off \(never set\)\n[\s\S]*\(closed\)/);
    expect(result.stdout).toContain("next: nothing: the flag is deleted everywhere (cleanup done)");
    // The sandbox's tokens are masked like real ones.
    expect(result.stdout + result.stderr).not.toContain("sandbox-production-admin-token");
  });
});
