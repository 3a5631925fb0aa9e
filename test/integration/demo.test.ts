// The README's first command must keep working: the demo runs the whole rollout on the embedded
// sandbox and tells it, ending with exit code 0.

import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("ff-rollout demo", () => {
  it("rolls a flag out end to end on the embedded sandbox, with one refusal on the way", async () => {
    const result = await runCli(["demo"], { env: {}, cwd: process.cwd() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Step 9/9: Where do we stand now?");
    expect(result.stderr).toContain("ERROR: rollout refused:\n  - soak: only 0 min since the last production change");
    expect(result.stdout).toMatch(/production +production +on/);
    expect(result.stdout).toContain("[x] `/chatops gitlab run feature set new_pipeline_graph true`   ← ticked now");
    // The sandbox's tokens are masked like real ones.
    expect(result.stdout + result.stderr).not.toContain("sandbox-production-admin-token");
  });
});
