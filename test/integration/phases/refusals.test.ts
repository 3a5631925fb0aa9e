// Every refusal of the phases, through the CLI against the sandbox: the exact reason a person
// reads, exit code 1, and no write request sent. Then --force --reason, drift, clock skew,
// dry runs and re-runs of every phase.

import { afterEach, describe, expect, it, vi } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, MR_IID, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

// Reads, and the writes of a rollout up to production: what most of these tests may send.
const ROLLOUT_WRITES = [
  ...ANY_READ,
  WRITES.flag("dev"),
  WRITES.flag("staging"),
  WRITES.flag("production"),
  WRITES.note,
  WRITES.unlease,
  WRITES.editNote,
  WRITES.issue,
];

const ALL_DEPLOYED = { "gprd-cny": "merge", gprd: "merge" } as const;

describe("refusals", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed({ deployedAt: ALL_DEPLOYED }));

  it("non-production: the MR is not merged", async () => {
    sb.expectRequests(ANY_READ);
    const mr = sb.state("production").mergeRequests.find((m) => m.iid === MR_IID)!;
    mr.state = "opened";
    const result = await phaseRunner(sb).run("run", "non-production");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /merge request: .*\/merge_requests\/1001 is opened, not merged yet; merge it first/,
    );
  });

  it("production-actors: the commit is not deployed to production", async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("dev"),
      WRITES.flag("staging"),
      WRITES.note,
      WRITES.unlease,
      WRITES.issue,
    ]);
    // The newest gprd deployment is of the first commit, before the merge.
    const home = sb.state("production");
    const gprd = home.environments.find((e) => e.name === "gprd")!;
    const oldest = home.deployments[0]!.sha;
    for (const d of home.deployments) if (d.environmentId === gprd.id) d.sha = oldest;
    const p = phaseRunner(sb);
    expect((await p.run("run", "non-production")).code).toBe(0);
    sb.sandbox.clearLog();
    const result = await p.run("run", "production-actors");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      / is not deployed to gprd: not yet: \w{8} deployed at .* does not contain \w{8}/,
    );
    expect(p.writes()).toEqual([]);
  });

  it("production-actors: non-production is not done", async () => {
    sb.expectRequests(ANY_READ);
    const result = await phaseRunner(sb).run("run", "production-actors");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "non-production done: not on in dev (off), staging (off); run the non-production phase first",
    );
  });

  it("prepare: no milestone, and the team's preparation items are still open", async () => {
    sb.expectRequests(ANY_READ);
    const issue = sb.state("production").issue(PROJECT, 42);
    issue.description = `${issue.description}\n\n### Preparation before production rollout\n\n- [ ] Make sure someone can be reached for two hours after each change.\n`;
    const result = await phaseRunner(sb, { actor: "none", actors: [] }).run("run", "prepare");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "the rollout issue has no milestone: set one on the issue, or configure milestone: in the config",
    );
    expect(result.stderr).toContain(
      "[ ] Make sure someone can be reached for two hours after each change.",
    );
  });

  it("rollout: prepare has not run, and a percentage that is not configured is bad input", async () => {
    sb.expectRequests(ANY_READ);
    const p = phaseRunner(sb);
    const early = await p.run("run", "rollout", "--percentage", "10");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(
      "the prepare phase has not run yet; run the prepare phase before production percentages",
    );
    const odd = await p.run("run", "rollout", "--percentage", "33");
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain(
      '--percentage "33": not one of the configured percentages (1, 10, 25, 50, 75)',
    );
  });

  it("--force needs --reason, and a forced run records both in its note", async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.issue,
    ]);
    const p = phaseRunner(sb);
    const bare = await p.run("run", "rollout", "--percentage", "10", "--force");
    expect(bare.code).toBe(2);
    const forced = await p.run(
      "run",
      "rollout",
      "--percentage",
      "10",
      "--force",
      "--reason",
      "hotfix needs it at 10%",
    );
    expect(forced.code).toBe(0);
    expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(10);
    const note = p.auditNotes().at(-1)!;
    expect(readMarker(note.body)?.forced).toEqual({ reason: "hotfix needs it at 10%" });
    expect(note.body).toContain(":warning: Forced past a refusal. Reason: hotfix needs it at 10%");
  });

  it("a refusal line says its kind; FF_ROLLOUT_FORCE_REASON (even '-...') overrides a \"not now\"; --json carries the kind", async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.issue,
    ]);
    const p = phaseRunner(sb);
    const refused = await p.run("run", "rollout", "--percentage", "10");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("  - [not now] the prepare phase has not run yet");
    expect(refused.stderr).toContain('override with --force --reason "..."');
    // Told once: the failed check, then the error's list; the plan does not restate it.
    const told = `${refused.stdout}${refused.stderr}`;
    expect(told.split("[not now] the prepare phase has not run yet").length - 1).toBe(1);
    expect(told.split("the prepare phase has not run yet").length - 1).toBe(2);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const forced = await runCli(s.args("run", "rollout", "--percentage", "10", "--json"), {
      cwd: s.dir,
      env: { ...s.env, FF_ROLLOUT_FORCE_REASON: "-- on-call says go" },
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(
      "  overridden by --force: [not now] the prepare phase has not run yet",
    );
    const { result } = JSON.parse(forced.stdout);
    expect(result.plan.refusals).toEqual([
      {
        kind: "not-now",
        reason:
          "the prepare phase has not run yet; run the prepare phase before production percentages",
      },
    ]);
    expect(readMarker(p.auditNotes().at(-1)!.body)?.forced).toEqual({
      reason: "-- on-call says go",
    });
  });
});

describe("drift and clocks", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed({ deployedAt: ALL_DEPLOYED }));
  afterEach(() => vi.useRealTimers());

  async function throughActors() {
    const p = phaseRunner(sb, { percentages: [10, 50], milestone: "19.7" });
    for (const phase of ["non-production", "production-actors", "prepare"]) {
      expect((await p.run("run", phase)).code).toBe(0);
    }
    return p;
  }

  it("reports a flag changed behind the tool's back, and blocks the next phase until forced", async () => {
    sb.expectRequests(ROLLOUT_WRITES);
    const p = await throughActors();
    // Someone turns production fully on with ChatOps.
    const gates = sb.state("production").features.get(FLAG)!;
    Object.assign(gates, { boolean: true, actors: [] });
    p.advanceMinutes(30);
    const status = await p.run("status");
    expect(status.stdout).toMatch(
      /DRIFT: production is on, but the last run recorded on for Project:\d+ \(at .*\): someone changed it outside ff-rollout/,
    );
    const blocked = await p.run("run", "rollout", "--percentage", "10");
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(
      "no drift on production: production is on, but the last run recorded on for Project:",
    );
    // A rollback is never blocked.
    expect((await p.run("run", "rollback", "--reason", "unknown change")).code).toBe(0);
  });

  it("a step played again after a rollback is a new note, and the next step sees no drift", async () => {
    sb.expectRequests(ROLLOUT_WRITES);
    const p = await throughActors();
    p.advanceMinutes(16);
    // The same job name in the same pipeline each time: GitLab's retry of the 10% job.
    expect((await p.run("run", "rollout", "--percentage", "10")).code).toBe(0);
    expect((await p.run("run", "rollback", "--reason", "errors up")).code).toBe(0);
    // The rollback cleared the actors' gate: they come back first, and soak.
    expect((await p.run("run", "production-actors")).code).toBe(0);
    p.advanceMinutes(16);
    expect((await p.run("run", "rollout", "--percentage", "10")).code).toBe(0);
    const phases = p.auditNotes().map((n) => readMarker(n.body)?.phase);
    expect(phases.slice(-4)).toEqual(["rollout", "rollback", "production-actors", "rollout"]);
    p.advanceMinutes(16);
    const next = await p.run("run", "rollout", "--percentage", "50");
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain("✓ no drift");
  });

  it("measures the soak on GitLab's clock: a runner 30 minutes ahead cannot shorten it", async () => {
    sb.expectRequests(ROLLOUT_WRITES);
    const p = await throughActors();
    p.advanceMinutes(10);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 30 * 60_000);
    const result = await p.run("run", "rollout", "--percentage", "10");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "soak: only 10 min since the last production change (production-actors",
    );
    expect(result.stderr).toContain("wait 5 more min");
    vi.useRealTimers();
    p.advanceMinutes(6);
    expect((await p.run("run", "rollout", "--percentage", "10")).code).toBe(0);
  });
});

describe("dry runs and re-runs of every phase", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed({ deployedAt: ALL_DEPLOYED }));

  it("a dry run writes nothing, and a re-run of a finished phase writes nothing", async () => {
    sb.expectRequests(ROLLOUT_WRITES);
    const p = phaseRunner(sb, { percentages: [10], milestone: "19.7" });
    const steps = [
      ["non-production"],
      ["production-actors"],
      ["prepare"],
      ["rollout", "--percentage", "10"],
      ["global"],
      ["rollback"],
    ];
    for (const step of steps) {
      p.advanceMinutes(16);
      sb.sandbox.clearLog();
      const dry = await p.run("run", ...step, "--dry-run");
      expect(dry.code, `${step} --dry-run: ${dry.stderr}`).toBe(0);
      expect(dry.stdout).toContain("Dry run: nothing was written.");
      expect(p.writes(), `${step} --dry-run`).toEqual([]);
      expect((await p.run("run", ...step)).code, step.join(" ")).toBe(0);
      sb.sandbox.clearLog();
      const again = await p.run("run", ...step);
      expect(again.code, `${step} again`).toBe(0);
      expect(
        p.writes().map((w) => `${w.method} ${w.instance} ${w.path}`),
        `${step} again: ${again.stdout}`,
      ).toEqual([]);
    }
  });
});
