// `ff-rollout watch` against the sandbox and a real Prometheus: a soak watched green to its end
// leaves a watch note; green while the exporter is healthy, then the error ratio breaks out and the watch turns production off through the
// rollback core, records the breach as the reason and exits 1. The time from the exporter's
// change to the flag off is measured and printed (reported, not asserted: it includes the
// scrape, the rate window and a loaded machine).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWatchMarker } from "../../../src/report/watch-note.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ALL_WRITES } from "../../helpers/cli-world.js";
import { ERRORS, HEALTHY, type HealthGate, startHealthGate } from "../../helpers/health-gate.js";
import { startHookReceiver } from "../../helpers/hook-receiver.js";
import { phaseRunner } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

describe("watch", () => {
  let gate: HealthGate;
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } }),
  );

  beforeAll(async () => {
    gate = await startHealthGate();
  }, 240_000);
  afterAll(async () => {
    await gate?.stop();
  });

  // First: the breach below leaves the error ratio high for a rate window after it.
  it("posts a note when it saw the whole soak green, which no phase run counts", {
    timeout: 180_000,
  }, async () => {
    sb.expectRequests(ALL_WRITES);
    const p = phaseRunner(sb, {
      soak_minutes: 0.25,
      health: {
        prometheus: { url: gate.prometheus.url },
        interval_seconds: 10,
        checks: [{ name: "5xx ratio", query: ERRORS, max: 0.05 }],
      },
    });
    sb.sandbox.clock.set(new Date());
    expect((await p.run("run", "non-production")).code).toBe(0);
    await gate.settle(sb.sandbox.clock);
    expect((await p.run("run", "production-actors")).code).toBe(0);
    const step = p.auditNotes().at(-1)!;
    const runs = p.auditNotes().length;
    // The watch job follows the step's: on GitLab's clock it starts at the step's moment.
    sb.sandbox.clock.set(new Date(step.createdAt));

    const watched = await p.run("watch");
    expect(watched.code, watched.stdout + watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(
      /Posted the watch note: \S+#note_\d+ \(the soak after production-actors, watched green\)/,
    );
    const note = sb
      .state("production")
      .notes(PROJECT, 42)
      .findLast((n) => readWatchMarker(n.body) !== undefined)!;
    const record = readWatchMarker(note.body)!;
    expect(record).toMatchObject({
      flag: FLAG,
      window: {
        step: { noteId: step.id, phase: "production-actors" },
        by: "watch",
        intervalSeconds: 10,
        checks: [
          {
            name: "5xx ratio",
            verdict: "green",
            detail: expect.stringMatching(/^worst 0\.00\d+ \(max 0\.05\) over \d+ evaluations$/),
          },
        ],
      },
    });
    // From the step to the soak's end: every evaluation of the watch is in the window.
    expect(record.window.evaluations).toBeGreaterThanOrEqual(2);
    expect(Date.parse(record.window.to)).toBeGreaterThanOrEqual(
      Date.parse(step.createdAt) + 15_000,
    );
    expect(note.body).toMatch(
      /^\*\*ff-rollout · watch\*\* · every health check stayed green through the soak after production-actors\./,
    );
    expect(note.body).toMatch(
      /\n- ✅ 5xx ratio: worst 0\.00\d+ \(max 0\.05\) over \d+ evaluations\n/,
    );

    // Not a phase run: no audit marker, and the soak is still the step's, now over.
    expect(p.auditNotes()).toHaveLength(runs);
    // The sandbox's clock stands still (the CLI counts on from its Date header): move it on.
    p.advanceMinutes(1);
    const again = await p.run("watch");
    expect(again.stdout).toMatch(
      /The soak after the last production change \(production-actors at \S+\) is over: nothing to watch\./,
    );
  });

  it("rolls production back on a breach, with the figures as the reason, and fails", {
    timeout: 180_000,
  }, async () => {
    sb.expectRequests(ALL_WRITES);
    const config = {
      soak_minutes: 2,
      health: {
        prometheus: { url: gate.prometheus.url },
        interval_seconds: 1,
        checks: [{ name: "5xx ratio", query: ERRORS, max: 0.05 }],
      },
    };
    const p = phaseRunner(sb, config);
    sb.sandbox.clock.set(new Date());
    expect((await p.run("run", "non-production")).code).toBe(0);
    // The gate of production-actors and the watch's first evaluation are judged from here on
    // the sandbox's clock, a moment at which Prometheus has data (health-gate.ts says why).
    await gate.settle(sb.sandbox.clock);
    expect((await p.run("run", "production-actors")).code).toBe(0);
    expect(p.flag("production", FLAG)?.actors.length).toBeGreaterThan(0);

    // A receiver standing for Slack: the breach and the automatic rollback are notified.
    const hooks = await startHookReceiver();
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      ...config,
      notify: [{ slack_webhook_env: "FF_SLACK_PRODUCTION", events: ["breached", "rolled-back"] }],
    });
    const watching = runCli(s.args("watch"), {
      cwd: s.dir,
      env: {
        ...s.env,
        ...ciEnv("77", "ff-rollout:watch"),
        FF_SLACK_PRODUCTION: hooks.url("/services/T0/B0/watchsecret0123456789"),
      },
    });
    // A few green evaluations first (bounded: the flag must still be on meanwhile).
    await new Promise((r) => setTimeout(r, 2500));
    expect(p.flag("production", FLAG)?.actors.length).toBeGreaterThan(0);

    const breachAt = Date.now();
    gate.exporter.setRates({ ...HEALTHY, errors: 0.5 });
    let offAt: number | undefined;
    const poll = (async () => {
      while (offAt === undefined && Date.now() - breachAt < 60_000) {
        if (p.flag("production", FLAG)?.actors.length === 0) offAt = Date.now();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const result = await watching;
    await poll;
    gate.exporter.setRates(HEALTHY);
    await hooks.close();
    const texts = hooks.received.map((r) => (r.body as { text: string }).text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/watch health check breached on production[\s\S]*5xx ratio 0\.\d+/);
    expect(texts[1]).toMatch(/watch rolled back on production/);
    expect(result.stdout + result.stderr).not.toContain("watchsecret");

    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/5xx ratio green: 0\.00\d+ \(max 0\.05\)/);
    expect(result.stderr).toMatch(
      /watch: production rolled back after a breach: 5xx ratio 0\.\d+ \(max 0\.05\)/,
    );
    expect(p.flag("production", FLAG)).toMatchObject({ boolean: false, actors: [] });
    const note = p.auditNotes().at(-1)!.body;
    expect(note).toMatch(
      /health check breached during the soak after production-actors: 5xx ratio 0\.\d+ \(max 0\.05\)/,
    );
    const evaluation = /Rollback done (\d+) ms after the evaluation/.exec(result.stdout)?.[1];
    console.log(
      `watch: exporter's error ratio raised -> flag off on production: ${offAt! - breachAt} ms (interval 1000 ms, scrape 1 s, rate window 30 s); evaluation seeing the breach -> rollback done: ${evaluation} ms`,
    );
  });
});
