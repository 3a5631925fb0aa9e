// `ff-rollout advance` through the CLI, against the strict sandbox and a real Prometheus. The
// Prometheus is backfilled (promtool) with an hour of Workhorse counters whose error ratio the
// test chose: healthy, but for a two-minute spike 22 minutes ago. The sandbox's clock is set in
// that past, so each soak window is judged on figures the test knows: green windows step, the
// window over the spike waits, an open incident waits, a rollback stops the schedule.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { startHookReceiver } from "../../helpers/hook-receiver.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { startPrometheus, type TestPrometheus } from "../../helpers/prometheus.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, PROJECT, rolloutWorldSeed, TOKENS } from "../../helpers/seeds.js";
import { workhorseHistory } from "../../helpers/workhorse-exporter.js";

const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const ago = (minutes: number) => new Date(NOW - minutes * MINUTE);
const SPIKE = { from: 22, to: 20 };
const ERRORS =
  'sum(rate(gitlab_workhorse_http_requests_total{code=~"5.."}[1m])) / sum(rate(gitlab_workhorse_http_requests_total[1m]))';

describe("advance", () => {
  let prometheus: TestPrometheus;
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ deployedAt: { "gprd-cny": "merge", gprd: "merge" } }),
  );

  beforeAll(async () => {
    const history = workhorseHistory(ago(60), ago(1), 15, (t) => {
      const spike = t >= ago(SPIKE.from) && t < ago(SPIKE.to);
      return { perSecond: 100, errors: spike ? 0.3 : 0.005, redirects: 0.05 };
    });
    prometheus = await startPrometheus({ backfill: history });
    // The blocks are loaded at start; wait until a query over them answers.
    await prometheus.waitFor(
      `sum(rate(gitlab_workhorse_http_requests_total[5m] @ ${ago(30).getTime() / 1000}))`,
      (v) => v.length === 1 && v[0]! > 0,
    );
  }, 90_000);
  afterAll(async () => {
    await prometheus?.stop();
  });

  /** The config of the last setup(), for a test that runs the CLI with its own environment. */
  let CONFIG: Record<string, unknown> = {};
  const setup = (extra: Record<string, unknown> = {}) => {
    CONFIG = {
      percentages: [1, 10, 50],
      milestone: "19.7",
      soak_minutes: 10,
      auto_advance: "global",
      health: {
        prometheus: { url: prometheus.url },
        checks: [{ name: "5xx ratio", query: ERRORS, max: 0.05 }],
      },
      ...extra,
    };
    const p = phaseRunner(sb, CONFIG);
    return {
      ...p,
      /** Runs at that moment of the sandbox's (GitLab's) clock. */
      at: (minutesAgo: number, ...args: string[]) => {
        sb.sandbox.clock.set(ago(minutesAgo));
        return p.run(...args);
      },
      /** A person's first three phases. */
      async start(minutesAgo: number) {
        for (const phase of ["non-production", "production-actors", "prepare"]) {
          const done = await this.at(minutesAgo, "run", phase);
          expect(done.code, done.stdout + done.stderr).toBe(0);
        }
      },
    };
  };
  const WRITING = [
    ...ANY_READ,
    WRITES.flag("dev"),
    WRITES.flag("staging"),
    WRITES.flag("production"),
    WRITES.note,
    WRITES.unlease,
    WRITES.editNote,
    WRITES.issue,
  ];
  const pct = (p: ReturnType<typeof setup>) => p.flag("production", FLAG)?.percentage_of_actors;

  it("steps by schedule after each green soak, with ordinary audit notes, up to its stop", async () => {
    sb.expectRequests(WRITING);
    const p = setup({ auto_advance: 10 });
    await p.start(58);

    const early = await p.at(55, "advance");
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toMatch(/Nothing to do yet:\n {2}- \[not now\] soak: only 3 min since/);
    expect(pct(p)).toBe(0);

    const first = await p.at(46, "advance");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/rollout --percentage 1 is due \(auto_advance: 10%;/);
    expect(first.stdout).toMatch(/health: 5xx ratio: green, worst 0\.00\d+ \(max 0\.05\) over \d+/);
    expect(pct(p)).toBe(1);
    const note = p.auditNotes().at(-1)!.body;
    expect(note.startsWith(`**ff-rollout · rollout** (by schedule) · set \`${FLAG}\` to 1%`)).toBe(
      true,
    );
    expect(note).toMatch(
      /Reason: by schedule \(auto\\_advance\): 12 min since the last production change \(production-actors\)/,
    );
    expect(note).toMatch(/Run by schedule \(owner `@dana`\) from \[job /);
    expect(readMarker(note)).toMatchObject({ phase: "rollout", trigger: "schedule", by: "dana" });
    // The window judged green before the step is recorded: the evidence that the soak after
    // production-actors was watched (engine/soak-proof.ts), in the marker and for people.
    const actorsNote = p
      .auditNotes()
      .find((n) => readMarker(n.body)?.phase === "production-actors")!;
    const judged = readMarker(note)?.soakWindow;
    expect(judged).toMatchObject({
      step: { noteId: actorsNote.id, phase: "production-actors" },
      from: actorsNote.createdAt,
      by: "advance",
      checks: [
        {
          name: "5xx ratio",
          verdict: "green",
          detail: expect.stringMatching(/^worst 0\.00\d+ \(max 0\.05\) over \d+ points$/),
        },
      ],
    });
    expect(Date.parse(judged!.to)).toBeGreaterThanOrEqual(ago(46).getTime());
    expect(judged!.checks[0]!.value).toBeLessThan(0.05);
    expect(note).toContain(
      `Soak after production-actors (note ${actorsNote.id}): judged at every point of the window from `,
    );
    expect(note).toMatch(/\n- ✅ 5xx ratio: worst 0\.00\d+ \(max 0\.05\) over \d+ points\n/);
    const status = sb
      .state("production")
      .notes(PROJECT, 42)
      .find((n) => n.body.includes("ff-rollout:status-note"))!.body;
    expect(status).toMatch(/\| rollout \(by schedule\) \|/);
    const shown = await p.at(45, "status");
    expect(shown.stdout).toMatch(/ {2}\S+ \S+ {2}rollout \(done\) by schedule \(owner dana\)\n/);
    expect(shown.stdout).toMatch(/prepare \(done\) by dana\n/);

    expect((await p.at(40, "advance")).stdout).toMatch(/\[not now\] soak: only 6 min/);
    expect(pct(p)).toBe(1);
    const second = await p.at(34, "advance", "--json");
    expect(second.code).toBe(0);
    const json = JSON.parse(second.stdout);
    expect(json).toMatchObject({ command: "advance", outcome: "done", exitCode: 0 });
    expect(json.result).toMatchObject({ outcome: "stepped", step: { percentage: 10 } });
    expect(json.changes.instances).toEqual([
      expect.objectContaining({ environment: "production" }),
    ]);
    expect(pct(p)).toBe(10);

    // auto_advance: 10 stops here; a person takes the next step.
    const stop = await p.at(10, "advance");
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain(
      "production is at 10% of actors, and auto_advance stops at 10%: a person takes the next step (rollout --percentage 50)",
    );
    expect(pct(p)).toBe(10);
  });

  it("waits when a check was red anywhere in the window, and says when", async () => {
    sb.expectRequests(WRITING);
    const p = setup();
    await p.start(30);
    const writes = p.writes().length;
    const result = await p.at(17, "advance", "--json");
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.outcome).toBe("nothing-to-do");
    expect(json.reasons).toHaveLength(1);
    expect(json.reasons[0].kind).toBe("not-now");
    expect(json.reasons[0].message).toMatch(
      /^health check "5xx ratio" was red in the soak window \(from .* to .*\): worst 0\.[1-3]\d* \(max 0\.05\) over \d+ points, first red at (\S+); advance waits/,
    );
    const firstRed = Date.parse(/first red at (\S+);/.exec(json.reasons[0].message)![1]!);
    expect(firstRed).toBeGreaterThanOrEqual(ago(SPIKE.from).getTime());
    expect(firstRed).toBeLessThanOrEqual(ago(SPIKE.to).getTime());
    expect(pct(p)).toBe(0);
    // Waiting writes nothing: no note, no lease.
    expect(p.writes()).toHaveLength(writes);
  });

  it("waits while an incident is open", async () => {
    sb.expectRequests([...WRITING, "POST /production/api/v4/projects/:id/issues"]);
    const p = setup({ incidents: { project: PROJECT } });
    await p.start(58);
    const response = await fetch(
      `${sb.apiUrl("production")}/projects/${encodeURIComponent(PROJECT)}/issues`,
      {
        method: "POST",
        headers: { "private-token": TOKENS.production.user, "content-type": "application/json" },
        body: JSON.stringify({ title: "Elevated error rates", labels: "incident,severity::2" }),
      },
    );
    expect(response.status).toBe(201);
    const result = await p.at(46, "advance");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[not now\] an incident is open: 1 open: .* \(severity::2\)/);
    expect(pct(p)).toBe(0);
  });

  it("never moves on after a rollback since the last step", async () => {
    sb.expectRequests(WRITING);
    const p = setup();
    await p.start(58);
    expect((await p.at(46, "advance")).code).toBe(0);
    expect(pct(p)).toBe(1);
    const rolledBack = await p.at(44, "run", "rollback", "--reason", "errors in the logs");
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    const result = await p.at(30, "advance");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\[never\] production was rolled back at .*: advance never moves a flag on after a rollback/,
    );
    expect(p.flag("production", FLAG)).toMatchObject({ boolean: false, actors: [] });
  });

  it("waits, without forcing, when the step's own phase refuses (drift)", async () => {
    sb.expectRequests(WRITING);
    const p = setup();
    await p.start(58);
    // Someone sets 5 % by hand (ChatOps, say): the live state no longer matches the notes.
    const response = await fetch(
      `${sb.apiUrl("production")}/features/${FLAG}?key=percentage_of_actors&value=5`,
      { method: "POST", headers: { "private-token": TOKENS.production.admin } },
    );
    expect(response.status).toBe(201);
    const writes = p.writes().length;
    const result = await p.at(46, "advance", "--json");
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.outcome).toBe("nothing-to-do");
    expect(json.result).toMatchObject({ outcome: "wait", step: { percentage: 10 } });
    expect(json.reasons.map((r: { kind: string }) => r.kind)).toContain("not-now");
    expect(JSON.stringify(json.reasons)).toMatch(/drift/i);
    expect(pct(p)).toBe(5);
    expect(p.writes()).toHaveLength(writes);
  });

  it("tells the notify destinations of its step, as any run's change", async () => {
    sb.expectRequests(WRITING);
    const p = setup();
    await p.start(58);
    const hooks = await startHookReceiver();
    try {
      const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
        ...CONFIG,
        notify: [{ webhook_url_env: "FF_WEBHOOK_TEAM", events: ["changed", "refused"] }],
      });
      const env = {
        ...s.env,
        ...ciEnv("4242", "ff-rollout:advance"),
        FF_WEBHOOK_TEAM: hooks.url("/hooks/team-secret-0123456789"),
      };
      sb.sandbox.clock.set(ago(50));
      // Waiting is not a refusal worth telling: nothing is sent.
      expect((await runCli(s.args("advance"), { cwd: s.dir, env })).code).toBe(0);
      expect(hooks.received).toEqual([]);
      sb.sandbox.clock.set(ago(46));
      const result = await runCli(s.args("advance"), { cwd: s.dir, env });
      expect(result.code, result.stderr).toBe(0);
      expect(hooks.received.map((r) => r.body)).toEqual([
        expect.objectContaining({
          event: "changed",
          phase: "rollout",
          production: true,
          reason: expect.stringMatching(/^by schedule \(auto_advance\): /),
        }),
      ]);
      expect(result.stdout + result.stderr).not.toContain("team-secret");
    } finally {
      await hooks.close();
    }
  });

  it("with --dry-run prints the step's plan and writes nothing", async () => {
    sb.expectRequests(WRITING);
    const p = setup();
    await p.start(58);
    const writes = p.writes().length;
    const result = await p.at(46, "advance", "--dry-run");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(p.writes()).toHaveLength(writes);
    expect(pct(p)).toBe(0);
  });

  it("with auto_advance off says so and sends no request", async () => {
    sb.expectRequests([]);
    const p = setup({ auto_advance: "off" });
    const result = await p.run("advance", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      outcome: "nothing-to-do",
      result: { outcome: "off", message: expect.stringMatching(/^auto_advance is off/) },
    });
  });
});
