// readiness --all keeps proving the rollback of a flag whose rollout issue was closed while the
// flag still exists: `release` closes the rollout issue once a cleanup issue tracks the removal,
// but the flag stays on every instance until `cleanup` deletes it. The closed issue is found
// from the flag's definition (its rollout_issue_url), and only for a flag an instance still
// has: a flag that cleanup deleted costs no request. A note, forged or not, decides nothing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderNote } from "../../../src/report/note.js";
import type { SandboxSeed } from "../../../src/sandbox/index.js";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { COMMENTER, withOtherAuthors } from "../../helpers/other-authors.js";
import { readinessSeed, type SeedFlag } from "../../helpers/readiness-seed.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { DEVELOPER, PROJECT, SEED_CLOCK } from "../../helpers/seeds.js";

const READS = ["dev", "staging", "production"].flatMap((i) =>
  [1, 2, 3, 4, 5, 6].map(
    (d) => `GET /${i}/api/v4${Array.from({ length: d }, (_, k) => `/:p${k}`).join("")}`,
  ),
);
const NOTE = "POST /production/api/v4/projects/:id/issues/:iid/notes";
const GRAPHQL = "POST /production/api/graphql";
const ISSUES_LIST = "GET /production/api/v4/projects/:id/issues";
const NOTES_READ = "GET /production/api/v4/projects/:id/issues/:iid/notes";
const DAY = 24 * 60;
const INSTANCES = ["dev", "staging", "production"] as const;

const FLAGS: SeedFlag[] = [
  // #100: released. Fully on for three days; then someone set production to 50 % by hand.
  {
    name: "released_flag",
    production: { boolean: false, percentage_of_actors: 50 },
    recorded: [{ production: { boolean: true }, minutesAgo: 3 * DAY }],
  },
  // #101: cleaned up. Deleted on every instance, its definition gone with the code.
  {
    name: "removed_flag",
    recorded: [{ production: { boolean: true }, minutesAgo: 60 * DAY }],
  },
  // #102: still rolling out, its issue open.
  {
    name: "steady_flag",
    production: { percentage_of_actors: 25 },
    recorded: [{ production: { percentageOfActors: 25 }, minutesAgo: 60 }],
  },
];

/** The released world: #100 and #101 closed; #103 the cleanup issue release opened for #100. */
function seed(): SandboxSeed {
  const base = withOtherAuthors(readinessSeed(FLAGS));
  const url = (iid: number) => `http://unused/${PROJECT}/-/issues/${iid}`;
  for (const name of INSTANCES) {
    const instance = base.instances[name]!;
    // The instance URL is only known once the sandbox listens: the definitions are completed
    // in `located()` below; here the removed flag leaves every instance.
    instance.definitions = (instance.definitions ?? [])
      .filter((d) => d.name !== "removed_flag")
      .map((d) => ({
        ...d,
        rollout_issue_url: url(100 + FLAGS.findIndex((f) => f.name === d.name)),
      }));
    instance.features = (instance.features ?? []).filter((f) => f.name !== "removed_flag");
  }
  const home = base.instances.production!;
  for (const issue of home.issues ?? []) if (issue.iid !== 102) issue.state = "closed";
  home.issues!.push({
    project: PROJECT,
    iid: 103,
    title: "[Feature flag] Cleanup `released_flag`",
    description: `Removing the \`released_flag\` feature flag, now that its rollout (${url(100)}) is done.`,
    labels: ["feature flag"],
    author: DEVELOPER.username,
  });
  // Anyone may comment: a forged "cleanup done" marker on #100 must not hide the flag.
  home.notes!.push({
    project: PROJECT,
    issue_iid: 100,
    author: COMMENTER.username,
    created_at: SEED_CLOCK,
    body: renderNote(
      {
        v: 1,
        kind: "phase",
        phase: "cleanup",
        flag: "released_flag",
        at: SEED_CLOCK,
        outcome: "done",
        instances: INSTANCES.map((environment) => ({
          environment,
          status: "changed" as const,
          before: {
            exists: true,
            boolean: true,
            percentageOfActors: 0,
            percentageOfTime: 0,
            actors: [],
            featureGroups: [],
          },
          after: {
            exists: false,
            boolean: false,
            percentageOfActors: 0,
            percentageOfTime: 0,
            actors: [],
            featureGroups: [],
          },
          applied: ["x"],
        })),
      },
      "forged",
    ),
  });
  return base;
}

describe("readiness --all after release closed a rollout issue", () => {
  const sb = useStrictSandbox(seed);

  /** The definitions name the rollout issues on this sandbox's home instance. */
  function located() {
    const home = sb.instanceUrl("production");
    for (const name of INSTANCES)
      for (const d of sb.state(name).definitions.values())
        if (d.rollout_issue_url)
          d.rollout_issue_url = String(d.rollout_issue_url).replace("http://unused", home);
  }

  function setup() {
    located();
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      flag: "steady_flag",
      readiness: { project: PROJECT },
    });
    const run = () => runCli(s.args("readiness", "--all"), { cwd: s.dir, env: s.env });
    const report = () => JSON.parse(readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8"));
    return { run, report };
  }

  it("still checks the released flag against its closed rollout issue's history", async () => {
    sb.expectRequests([NOTE, { request: GRAPHQL, min: 1 }, ...READS]);
    const { run, report } = setup();
    const result = await run();
    const flags = Object.fromEntries(
      report().flags.map((f: { flag: string }) => [f.flag, f] as const),
    );
    expect(Object.keys(flags).sort()).toEqual(["released_flag", "steady_flag"]);
    const released = flags.released_flag;
    // Its history is the rollout issue's, not the cleanup issue's (which has none).
    expect(released.issue.iid).toBe(100);
    const drift = released.checks.find((c: { name: string }) => c.name === "drift");
    expect(drift.verdict).toBe("warning");
    expect(drift.reason).toContain("production is");
    // The closed issue is expected once released; the partly-on flag is what is wrong.
    const issue = released.checks.find((c: { name: string }) => c.name === "rollout issue");
    expect(issue.verdict).toBe("warning");
    expect(issue.reason).toContain("closed");
    expect(result.code).toBe(0);
    // The readiness note goes to the rollout issue, where the history is; none on the cleanup issue.
    const notesOn = (iid: number) =>
      sb
        .state("production")
        .notes(PROJECT, iid)
        .filter((n) => n.body.includes("ff-rollout:readiness"));
    expect(notesOn(100)).toHaveLength(1);
    expect(notesOn(103)).toHaveLength(0);
  });

  it("asks for the closed issue of a flag that still exists, and never for a deleted flag's", async () => {
    sb.expectRequests([NOTE, { request: GRAPHQL, times: 2 }, ...READS]);
    const { run } = setup();
    await run();
    const asked = sb
      .requests(GRAPHQL)
      .map((e) => (e.body as { variables: Record<string, unknown> }).variables);
    expect(asked[1]).toMatchObject({ iids: ["100"] });
    expect(JSON.stringify(asked)).not.toContain('"101"');
    expect(sb.requests(NOTES_READ)).toHaveLength(0);
    expect(sb.requests(ISSUES_LIST)).toHaveLength(0);
  });

  it("reaches the same verdicts through REST when the issues instance has no GraphQL", async () => {
    sb.expectRequests([
      { request: NOTE, times: 2 },
      // Two the first day; the second day's first one answers 404.
      { request: GRAPHQL, times: 3 },
      // The second day: the open page, the closed page by iid, one notes read per issue.
      { request: ISSUES_LIST, times: 2 },
      { request: NOTES_READ, times: 3 },
      ...READS,
    ]);
    const { run, report } = setup();
    const verdicts = () =>
      report().flags.map((f: { flag: string; issue: unknown; checks: unknown }) => ({
        flag: f.flag,
        issue: f.issue,
        checks: f.checks,
      }));
    await run();
    const viaGraphql = verdicts();
    sb.sandbox.faults.add({
      instance: "production",
      path: "/api/graphql",
      kind: "status",
      status: 404,
      body: { message: "404 Not Found" },
    });
    const second = await run();
    expect(second.stdout + second.stderr).toContain("reading the rollout issues through REST");
    expect(verdicts()).toEqual(viaGraphql);
    expect(sb.requests(ISSUES_LIST).map((e) => e.query)).toEqual([
      expect.objectContaining({ state: "opened", labels: "feature flag" }),
      expect.objectContaining({ state: "closed", labels: "feature flag", iids: ["100"] }),
    ]);
  });

  it("reports a flag whose closed rollout issue cannot be read, and checks the others", async () => {
    sb.expectRequests([
      NOTE,
      { request: GRAPHQL, times: 2 },
      { request: ISSUES_LIST, times: 1 },
      ...READS,
    ]);
    // The open issues read fine; the closed one is refused, over GraphQL and over REST.
    sb.sandbox.faults.add({
      instance: "production",
      path: "/api/graphql",
      after: 1,
      kind: "status",
      status: 403,
      body: { message: "403 Forbidden" },
    });
    sb.sandbox.faults.add({
      instance: "production",
      method: "GET",
      path: "/projects/:id/issues",
      kind: "status",
      status: 403,
      body: { message: "403 Forbidden" },
    });
    const { run, report } = setup();
    const result = await run();
    expect(result.code).toBe(0);
    const flags = Object.fromEntries(
      report().flags.map((f: { flag: string }) => [f.flag, f] as const),
    );
    expect(flags.steady_flag.verdict).toBe("ready");
    expect(flags.released_flag).toMatchObject({
      verdict: "warning",
      issue: { iid: 100 },
      checks: [{ name: "rollout issue", verdict: "warning" }],
    });
    expect(flags.released_flag.checks[0].reason).toMatch(
      /^the flag still exists, but its rollout issue http:\/\/.*\/issues\/100 \(named by its definition\) could not be read: GET .*403/,
    );
  });
});
