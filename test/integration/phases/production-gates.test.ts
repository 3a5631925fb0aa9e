// The production gates through the CLI, against the sandbox and a real Prometheus scraping a
// Workhorse-like exporter: a red health check refuses a production step as "not now", --force
// --reason goes past it and the notes carry the figures; an open incident refuses too.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { ERRORS, HEALTHY, type HealthGate, startHealthGate } from "../../helpers/health-gate.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, PROJECT, rolloutWorldSeed, TOKENS } from "../../helpers/seeds.js";

describe("production gates", () => {
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

  const runner = (extra: Record<string, unknown> = {}) => {
    const p = phaseRunner(sb, {
      percentages: [10, 50],
      milestone: "19.7",
      soak_minutes: 0,
      health: {
        prometheus: { url: gate.prometheus.url },
        checks: [{ name: "5xx ratio", query: ERRORS, max: 0.05 }],
      },
      ...extra,
    });
    // The checks are evaluated at GitLab's "now": the sandbox's clock is set to a moment at
    // which Prometheus has data (health-gate.ts says why that moment is chosen with care).
    return {
      ...p,
      run: async (...args: string[]) => {
        await gate.settle(sb.sandbox.clock);
        return p.run(...args);
      },
    };
  };

  // A loaded machine makes each step slower (settle waits up to a minute for data).
  it("refuses a step while a check is red, and a forced step records the figures", {
    timeout: 180_000,
  }, async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("dev"),
      WRITES.flag("staging"),
      WRITES.flag("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
    ]);
    const p = runner();
    expect((await p.run("run", "non-production")).code).toBe(0);
    const actors = await p.run("run", "production-actors");
    expect(actors.code, actors.stdout + actors.stderr).toBe(0);
    const actorsNote = p.auditNotes().at(-1)!.body;
    expect(actorsNote).toMatch(/Health checks at .* UTC:\n- ✅ 5xx ratio: 0\.00\d+ \(max 0\.05\)/);
    expect(readMarker(actorsNote)?.health?.checks[0]).toMatchObject({
      name: "5xx ratio",
      verdict: "green",
    });
    const prepared = await p.run("run", "prepare");
    expect(prepared.code, prepared.stderr).toBe(0);

    gate.exporter.setRates({ ...HEALTHY, errors: 0.3 });
    try {
      // Red over the last 3 s: the step is judged at a whole second (settle), up to one back.
      await gate.prometheus.waitFor(
        `min_over_time((${ERRORS})[3s:500ms])`,
        (v) => v[0] !== undefined && v[0] > 0.1,
      );
      const refused = await p.run("run", "rollout", "--percentage", "10");
      expect(refused.code, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(
        /\[not now\] health check "5xx ratio" is red: 0\.\d+ \(max 0\.05\)/,
      );
      expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(0);

      const forced = await p.run(
        "run",
        "rollout",
        "--percentage",
        "10",
        "--force",
        "--reason",
        "load test, errors expected",
      );
      expect(forced.code, forced.stdout + forced.stderr).toBe(0);
      expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(10);
      const note = p.auditNotes().at(-1)!.body;
      expect(note).toContain("Forced past a refusal. Reason: load test, errors expected");
      expect(note).toMatch(/- ❌ 5xx ratio: 0\.\d+ \(max 0\.05\)/);
      const status = sb
        .state("production")
        .notes(PROJECT, 42)
        .find((n) => n.body.includes("ff-rollout:status-note"));
      expect(status?.body).toMatch(
        /Health at the last production step \(rollout, .*\): ❌ 5xx ratio 0\.\d+/,
      );
    } finally {
      gate.exporter.setRates(HEALTHY);
    }
  });

  it("refuses while an incident with a blocking severity is open, and only then", {
    timeout: 120_000,
  }, async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("dev"),
      WRITES.flag("staging"),
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
      "POST /production/api/v4/projects/:id/issues",
    ]);
    const p = runner({ incidents: { project: PROJECT } });
    expect((await p.run("run", "non-production")).code).toBe(0);
    const open = async (labels: string) => {
      const response = await fetch(
        `${sb.apiUrl("production")}/projects/${encodeURIComponent(PROJECT)}/issues`,
        {
          method: "POST",
          headers: { "private-token": TOKENS.production.user, "content-type": "application/json" },
          body: JSON.stringify({ title: "Elevated error rates", labels }),
        },
      );
      expect(response.status).toBe(201);
      return ((await response.json()) as { web_url: string }).web_url;
    };
    await open("incident,severity::3");
    await open("severity::1");
    const blocking = await open("incident,severity::2,Service::Web");

    const refused = await p.run("run", "production-actors");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `an incident is open: 1 open: ${blocking} (severity::2); wait until it is resolved`,
    );
    expect(p.flag("production", FLAG)?.actors).toEqual([]);
    // One list per severity, open issues only, both labels required by the API's own filter.
    const lists = sb.requests("GET /production/api/v4/projects/:id/issues");
    expect(lists.map((r) => [r.query.state, r.query.labels]).sort()).toEqual([
      ["opened", "incident,severity::1"],
      ["opened", "incident,severity::2"],
    ]);
  });
});
