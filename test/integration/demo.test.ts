// The README's first command must keep working: the demo runs the flag's whole life on the
// embedded sandbox (rollout, release, cleanup) and tells it, ending with exit code 0. On the way:
// the health gate's figures before each production step (from the demo's metrics stand-in), an
// incident refusing a step, a breach during `watch` rolling production back, the rollout resumed
// after the fix, and every notification printed as the local receiver got it.

import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("ff-rollout demo", () => {
  // One run of the demo, read by both tests.
  let demo: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    demo = await runCli(["demo"], { env: {}, cwd: process.cwd() });
    // A busy machine (the suite runs files in parallel) can take far longer than the demo alone.
  }, 120_000);

  it("rolls a flag out, releases it and removes it, with refusals, a breach and a rollback on the way", async () => {
    const result = demo;
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain("Step 19/19: Where do we stand now?");
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
    // The sandbox's tokens and the webhooks' secret paths are masked like real ones.
    expect(result.stdout + result.stderr).not.toContain("sandbox-production-admin-token");
    expect(result.stdout + result.stderr).not.toContain("demo0webhook0secret");
  });

  it("shows the health gate, the incident check, the watch's rollback and the notifications", async () => {
    const { code, stdout, stderr } = demo;
    expect(code).toBe(0);
    // The gate's figures, in the plan of a production step.
    expect(stdout).toMatch(/ {2}✓ health: 5xx ratio: green: 0\.00\d+ \(max 0\.01\)\n/);
    expect(stdout).toMatch(
      / {2}✓ health: 302 ratio: green: 0\.0\d+, [+-][\d.]+ % over 0\.0\d+ before the change \(max \+50 %\)\n/,
    );
    // The incident check refuses while the incident issue is open.
    expect(stdout).toContain(
      'declares gitlab-org/production#1 "Elevated error rate on the API in gprd"',
    );
    expect(stderr).toMatch(
      /ERROR: rollout refused:\n {2}- \[not now\] an incident is open: 1 open: http:\S+\/gitlab-org\/production\/-\/issues\/1 \(severity::2\)/,
    );
    // The breach during watch rolls production back, through the rollback.
    expect(stdout).toMatch(
      /Breach: rolling production back now \(health check breached during the soak after rollout: 5xx ratio 0\.03\d+ \(max 0\.01\)\)/,
    );
    expect(stdout).toContain("== Turning the flag off\n  production: set false ✓ (now off)");
    expect(stderr).toMatch(/ERROR: watch: production rolled back after a breach: 5xx ratio 0\.03/);
    // What the receiver got, printed: Slack's text and the team's JSON.
    expect(stdout).toContain(
      "⇢ #production (Slack) received: *ff-rollout* `new_pipeline_graph`: watch health check breached on production",
    );
    expect(stdout).toContain(
      "⇢ #production (Slack) received: *ff-rollout* `new_pipeline_graph`: watch rolled back on production",
    );
    expect(stdout).toContain(
      '⇢ team webhook (JSON) received: {"schema":"ff-rollout.notification/v1","event":"rolled-back","phase":"watch"',
    );
    expect(stdout).toContain(
      "⇢ #production (Slack) received: *ff-rollout* `new_pipeline_graph`: rollout refused",
    );
    // Global's notification delivered: the cross-post item is ticked, after the phase.
    expect(stdout).toContain(
      "== Ticking the cross-post\n  [x] Cross-post the chatops command to `#production` and to your team channel.",
    );
    // After the fix the rollout resumes from the rollback: the actors first (the rollback
    // cleared their gate), then the percentage, and ends on global.
    expect(stdout).toMatch(
      /rollback \(done\) by jane\n.*production-actors \(done\) by jane\n.*rollout \(done\) by jane\n.*global \(done\)/,
    );
  });
});
