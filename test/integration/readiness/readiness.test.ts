// `ff-rollout readiness` against the sandbox: each check's ready, warning and not-ready cases,
// the readiness note (edited, not duplicated, untouched when nothing changed), the one-day
// item, the JUnit report, --all over several issues.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { readinessSeed, type SeedFlag } from "../../helpers/readiness-seed.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { ADMIN, DEVELOPER, PROJECT } from "../../helpers/seeds.js";

const READS = ["dev", "staging", "production"].flatMap((i) =>
  [1, 2, 3, 4, 5, 6].map(
    (d) => `GET /${i}/api/v4${Array.from({ length: d }, (_, k) => `/:p${k}`).join("")}`,
  ),
);
const NOTE = "POST /production/api/v4/projects/:id/issues/:iid/notes";
const EDIT = "PUT /production/api/v4/projects/:id/issues/:iid/notes/:note_id";
/** --all reads the open rollout issues with their notes over GraphQL, 100 a request. */
const GRAPHQL = "POST /production/api/graphql";
const NOTES_READ = "GET /production/api/v4/projects/:id/issues/:iid/notes";
const DAY = 24 * 60;

function setup(
  sb: ReturnType<typeof useStrictSandbox>,
  flag: string,
  extra: Record<string, unknown> = {},
) {
  const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
    flag,
    rollout_issue: `${PROJECT}#100`,
    ...extra,
  });
  const run = (...args: string[]) =>
    runCli(s.args("readiness", ...args), { cwd: s.dir, env: s.env });
  const report = () => JSON.parse(readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8"));
  const junit = () => readFileSync(join(s.dir, "ff-rollout-readiness.xml"), "utf8");
  const check = (name: string) =>
    report().flags[0].checks.find((c: { name: string }) => c.name === name);
  return { run, report, junit, check };
}

function world(flags: SeedFlag[]) {
  return useStrictSandbox(() => readinessSeed(flags));
}

describe("readiness of one flag", () => {
  const sb = world([
    {
      name: "steady_flag",
      production: { percentage_of_actors: 25 },
      recorded: [{ production: { percentageOfActors: 25 }, minutesAgo: 60 }],
    },
  ]);

  it("is ready when everything answers and matches; the note is posted once and left alone after", async () => {
    sb.expectRequests([...READS, { request: NOTE, times: 1 }]);
    const r = setup(sb, "steady_flag");
    const first = await r.run();
    expect(first.code).toBe(0);
    expect(r.report().flags[0].verdict).toBe("ready");
    expect(first.stdout).toContain("1 flag(s): 1 ready, 0 with warnings, 0 not ready");
    expect((await r.run()).code).toBe(0);
    const notes = sb
      .state("production")
      .notes(PROJECT, 100)
      .filter((n) => n.body.includes("ff-rollout:readiness"));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(
      "rollback readiness of `steady_flag`: :white_check_mark: ready",
    );
  });

  it("warns of a token that expires soon, and edits the note (not a second one) when the verdict changes", async () => {
    sb.expectRequests([...READS, { request: NOTE, times: 1 }, { request: EDIT, times: 1 }]);
    const r = setup(sb, "steady_flag");
    await r.run();
    const token = sb.state("staging").tokens.find((t) => t.name === "ff-rollout")!;
    token.expiresAt = "2026-12-01";
    const second = await r.run();
    expect(second.code).toBe(0);
    expect(r.check("tokens")).toEqual({
      name: "tokens",
      verdict: "warning",
      reason:
        'staging: token "ff-rollout" expires on 2026-12-01 (in 4 days); rotate it and update FF_STAGING_TOKEN before then',
    });
    const notes = sb
      .state("production")
      .notes(PROJECT, 100)
      .filter((n) => n.body.includes("ff-rollout:readiness"));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(":warning: warning");
  });

  it("is not ready when production's token was revoked or is not an administrator's", async () => {
    sb.expectRequests([...READS, NOTE]);
    const r = setup(sb, "steady_flag");
    sb.state("production").tokens.find((t) => t.name === "ff-rollout")!.revoked = true;
    const revoked = await r.run();
    expect(revoked.code).toBe(1);
    expect(r.check("tokens").verdict).toBe("not-ready");
    expect(r.check("tokens").reason).toContain("production (FF_PROD_TOKEN)");
    expect(r.check("rollback plan")).toMatchObject({ verdict: "not-ready" });
  });

  it("puts a junit report with one case per check", async () => {
    sb.expectRequests([...READS, NOTE]);
    const r = setup(sb, "steady_flag");
    sb.state("dev").users.find((u) => u.id === ADMIN.id)!.admin = false;
    await r.run();
    const xml = new XMLParser({ ignoreAttributes: false }).parse(r.junit());
    const suite = xml.testsuites.testsuite;
    expect(suite["@_name"]).toBe("steady_flag");
    expect(suite.testcase.map((c: Record<string, string>) => c["@_name"])).toEqual([
      "instances answer",
      "tokens",
      "flag known",
      "rollback plan",
      "drift",
      "stale",
      "one day on production",
      "rollout issue",
    ]);
    // dev's token lost its admin rights: a warning (it only matters for rollback --everywhere).
    expect(suite.testcase[1]["system-out"]).toMatch(
      /^WARNING: dev: .*The token in FF_DEV_TOKEN is not an administrator's token/,
    );
    expect(xml.testsuites["@_failures"]).toBe("0");
  });
});

describe("readiness checks over the history", () => {
  const sb = world([
    {
      name: "drifted_flag",
      production: { percentage_of_actors: 50 },
      recorded: [{ production: { percentageOfActors: 10 }, minutesAgo: 90 }],
    },
    {
      name: "old_flag",
      production: { boolean: true },
      recorded: [{ production: { boolean: true }, minutesAgo: 40 * DAY }],
    },
    {
      name: "fresh_flag",
      production: { boolean: true },
      recorded: [{ production: { boolean: true }, minutesAgo: 2 * DAY }],
      milestone: "19.7",
    },
    { name: "renamed_flag", defined: false },
    { name: "unnamed", title: "Roll out the new widget", description: "No command here." },
  ]);

  it("reports drift, staleness, a past-due milestone, an unknown flag; ticks the one-day item; names the unresolved issue", async () => {
    sb.expectRequests([
      ...READS,
      NOTE,
      "PUT /production/api/v4/projects/:id/issues/:iid",
      { request: GRAPHQL, times: 1 },
    ]);
    sb.state("production").milestones.find((m) => m.title === "19.7")!.dueDate = "2026-11-01";
    const r = setup(sb, "drifted_flag", { readiness: { project: PROJECT } });
    const result = await r.run("--all");
    expect(result.code).toBe(1);
    const flags = Object.fromEntries(r.report().flags.map((f: { flag: string }) => [f.flag, f]));
    const check = (flag: string, name: string) =>
      flags[flag].checks.find((c: { name: string }) => c.name === name);
    expect(check("drifted_flag", "drift")).toMatchObject({ verdict: "warning" });
    expect(check("drifted_flag", "drift").reason).toContain(
      "production is 50% of actors, but the last run recorded 10% of actors",
    );
    expect(check("old_flag", "stale")).toEqual({
      name: "stale",
      verdict: "warning",
      reason:
        "fully enabled on production for 40 days (more than 30) without a cleanup MR: run the cleanup phase",
    });
    expect(check("fresh_flag", "rollout issue").reason).toBe(
      "milestone 19.7 was due on 2026-11-01: move the rollout issue to a current milestone",
    );
    expect(check("renamed_flag", "flag known").verdict).toBe("not-ready");
    expect(flags["(gitlab-org/gitlab#104)"].checks[0].reason).toContain(
      "cannot tell which flag this issue rolls out",
    );
    // The one item readiness may tick: fully on for two days.
    const fresh = sb.state("production").issue(PROJECT, 102).description ?? "";
    expect(fresh).toContain("- [x] Wait at least one day for the verification term.");
    const old = sb.state("production").issue(PROJECT, 101).description ?? "";
    expect(old).toContain("- [x] Wait at least one day");
    const drifted = sb.state("production").issue(PROJECT, 100).description ?? "";
    expect(drifted).toContain("- [ ] Wait at least one day");
    // Five issues and their notes came in one GraphQL request: notes are read again only
    // around the two ticks (whose edit is checked against GitLab's newest notes).
    expect(
      sb
        .requests(NOTES_READ)
        .map((e) => e.path.split("/")[4])
        .sort(),
    ).toEqual(["101", "102"]);
    void DEVELOPER;
  });
});

describe("readiness when instances fail or limit", () => {
  const sb = world([
    {
      name: "steady_flag",
      production: { percentage_of_actors: 25 },
      recorded: [{ production: { percentageOfActors: 25 }, minutesAgo: 60 }],
    },
  ]);

  it("is not ready when production does not answer, and warns when only a non-production one does not", async () => {
    sb.expectRequests([...READS, NOTE, EDIT]);
    const r = setup(sb, "steady_flag", { request_timeout_seconds: 0.2 });
    sb.sandbox.faults.add({ instance: "staging", path: /.*/, kind: "status", status: 503 });
    const staging = await r.run();
    expect(staging.code).toBe(0);
    expect(r.check("instances answer").verdict).toBe("warning");
    sb.sandbox.faults.clear();
    sb.sandbox.faults.add({
      instance: "production",
      path: /^\/(features|personal_access_tokens)/,
      kind: "drop",
    });
    const production = await r.run();
    expect(production.code).toBe(1);
    expect(r.check("instances answer")).toMatchObject({ verdict: "not-ready" });
    expect(r.check("instances answer").reason).toMatch(
      /^production: GET (features|personal_access_tokens\/self) on "production" .* lost the connection after 5 attempts/,
    );
  }, 30_000);
});

describe("readiness under a rate limit", () => {
  const flags: SeedFlag[] = Array.from({ length: 30 }, (_, i) => ({
    name: `busy_flag_${i}`,
    production: { percentage_of_actors: 10 },
    recorded: [{ production: { percentageOfActors: 10 }, minutesAgo: 60 }],
  }));
  const sb = useStrictSandbox(() =>
    readinessSeed(flags, {
      rateLimit: { requests_per_period: 25, period_seconds: 1 },
      running: true,
    }),
  );

  it("finishes, right, with far fewer 429s than requests", async () => {
    sb.expectRequests([...READS, NOTE, { request: GRAPHQL, times: 1 }]);
    const r = setup(sb, "busy_flag_0", { readiness: { project: PROJECT, concurrency: 8 } });
    const result = await r.run("--all");
    expect(result.code).toBe(0);
    expect(r.report().summary).toEqual({ flags: 30, ready: 30, warning: 0, notReady: 0 });
    const home = sb.requests({ instance: "production" });
    const throttled = home.filter((e) => e.status === 429).length;
    // 30 notes posted, the issues read in one request: more than one 25-request window.
    expect(home.length).toBeGreaterThan(30);
    expect(throttled).toBeLessThanOrEqual(2);
  }, 30_000);
});
