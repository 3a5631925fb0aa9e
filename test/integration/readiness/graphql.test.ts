// readiness --all over GraphQL against the sandbox: the same history as the REST path from the
// same issues (trusted and forged markers, system notes, the readiness note, an issue with more
// comments than one page holds), the closed issues read by iid, and the fallbacks: an instance
// without /api/graphql, and a GitLab whose notes take no `filter`.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/config.js";
import { readHistory } from "../../../src/engine/history.js";
import { GitLabIssues } from "../../../src/gitlab/issues.js";
import { closedIssuePages, type IssueNotes, openIssuePages } from "../../../src/readiness/pages.js";
import { renderNote } from "../../../src/report/note.js";
import type { Wired } from "../../../src/wiring.js";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { sandboxIssuesClient } from "../../helpers/issues-client.js";
import { captureLogger } from "../../helpers/logger.js";
import { COMMENTER, withOtherAuthors } from "../../helpers/other-authors.js";
import { readinessSeed, type SeedFlag } from "../../helpers/readiness-seed.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { DEVELOPER, PROJECT, TOKENS } from "../../helpers/seeds.js";

const GRAPHQL = "POST /production/api/graphql";
const ISSUES_LIST = "GET /production/api/v4/projects/:id/issues";
const NOTES_READ = "GET /production/api/v4/projects/:id/issues/:iid/notes";
const READS = ["dev", "staging", "production"].flatMap((i) =>
  [1, 2, 3, 4, 5, 6].map(
    (d) => `GET /${i}/api/v4${Array.from({ length: d }, (_, k) => `/:p${k}`).join("")}`,
  ),
);
const NOTE = "POST /production/api/v4/projects/:id/issues/:iid/notes";

const FLAGS: SeedFlag[] = [
  {
    name: "steady_flag",
    production: { percentage_of_actors: 25 },
    recorded: [
      { production: { percentageOfActors: 10 }, minutesAgo: 300 },
      { production: { percentageOfActors: 25 }, minutesAgo: 60 },
    ],
  },
  {
    name: "chatty_flag",
    production: { boolean: true },
    recorded: [{ production: { boolean: true }, minutesAgo: 3 * 24 * 60 }],
  },
  { name: "quiet_flag" },
];

/** Issue 100 gets a forged marker and system notes; 101 gets 130 more comments than markers. */
function seed() {
  return withOtherAuthors(readinessSeed(FLAGS));
}

function decorate(sb: ReturnType<typeof useStrictSandbox>) {
  const state = sb.state("production");
  const steady = state.issue(PROJECT, 100);
  const forged = renderNote(
    {
      v: 1,
      kind: "phase",
      phase: "global",
      flag: "steady_flag",
      at: "2026-11-26T09:00:00.000Z",
      outcome: "done",
      instances: [],
    },
    "forged",
  );
  state.addNote(steady, COMMENTER.id, forged, { at: "2026-11-26T09:30:00.250Z" });
  for (let i = 0; i < 5; i++)
    state.addNote(steady, DEVELOPER.id, `marked the checklist item **${i}** as completed`, {
      system: true,
      at: `2026-11-26T09:4${i}:00.500Z`,
    });
  const chatty = state.issue(PROJECT, 101);
  for (let i = 0; i < 130; i++)
    state.addNote(chatty, i % 2 ? COMMENTER.id : DEVELOPER.id, `comment ${i}`, {
      at: new Date(Date.parse("2026-11-25T00:00:00.000Z") + i * 60_000 + 123).toISOString(),
    });
}

function ports(sb: ReturnType<typeof useStrictSandbox>) {
  const client = sandboxIssuesClient(sb.instanceUrl("production"), TOKENS.production.user);
  const { logger, out } = captureLogger();
  const wired = {
    issuesClient: client,
    issues: new GitLabIssues(client),
    logger,
  } as unknown as Wired;
  const config = { readiness: { label: "feature flag", concurrency: 4 } } as Config;
  return { wired, config, out };
}

async function readAll(source: ReturnType<typeof openIssuePages>): Promise<IssueNotes[]> {
  const all: IssueNotes[] = [];
  for await (const page of source.pages) all.push(...page);
  return all;
}

describe("readiness over GraphQL and over REST", () => {
  const sb = useStrictSandbox(seed);

  it("rebuilds the same history of every issue through either API", async () => {
    decorate(sb);
    sb.expectRequests([
      { request: GRAPHQL, times: 2 },
      { request: ISSUES_LIST, times: 1 },
      // 131 comments and 5 system notes on 101: two pages over REST.
      { request: NOTES_READ, times: 4 },
    ]);
    const { wired, config } = ports(sb);
    const trust = { me: DEVELOPER.username, authors: new Set([DEVELOPER.username]) };
    const viaGraphql = await readAll(openIssuePages(wired, config, { project: PROJECT }));
    const viaRest = await readAll(
      openIssuePages(wired, config, { project: PROJECT }, { graphql: false }),
    );
    // One request for the three issues and their first 100 comments, one for 101's other 31.
    expect(sb.requests(GRAPHQL).map((e) => e.operation)).toEqual([
      "readinessIssues",
      "readinessNotes",
    ]);
    expect(viaGraphql.map((i) => i.issue.ref.iid)).toEqual([102, 101, 100]);
    expect(viaRest.map((i) => i.issue.ref.iid)).toEqual([102, 101, 100]);
    expect(viaGraphql.map((i) => i.issue)).toEqual(viaRest.map((i) => i.issue));
    expect(viaGraphql[1]!.notes).toHaveLength(131);
    for (const [index, flag] of ["quiet_flag", "chatty_flag", "steady_flag"].entries()) {
      const comments = (list: IssueNotes) => list.notes.filter((n) => !n.system);
      const g = readHistory(viaGraphql[index]!.notes, flag, trust);
      const r = readHistory(viaRest[index]!.notes, flag, trust);
      expect({ ...g, notes: comments(viaGraphql[index]!) }).toEqual({
        ...r,
        notes: comments(viaRest[index]!),
      });
    }
    const steady = readHistory(viaGraphql[2]!.notes, "steady_flag", trust);
    expect(steady.entries.map((e) => e.event.at)).toEqual([
      "2026-11-26T05:00:00Z",
      "2026-11-26T09:00:00Z",
    ]);
    expect(steady.ignored).toEqual([
      expect.objectContaining({ author: COMMENTER.username, claimed: "a global run (done)" }),
    ]);
  });

  it("reads the closed issues asked by iid alike through either API, and only those", async () => {
    decorate(sb);
    // 101 (131 comments) and 100 closed; 102 open, asked all the same: not returned.
    for (const iid of [100, 101]) sb.state("production").issue(PROJECT, iid).state = "closed";
    sb.expectRequests([
      // The page of closed issues by iid, and 101's comments after its first 100.
      { request: GRAPHQL, times: 2 },
      { request: ISSUES_LIST, times: 1 },
      // Over REST: 101's two pages of notes, 100's one.
      { request: NOTES_READ, times: 3 },
    ]);
    const { wired, config } = ports(sb);
    const trust = { me: DEVELOPER.username, authors: new Set([DEVELOPER.username]) };
    const read = (graphql: boolean) =>
      readAll(closedIssuePages(wired, config, PROJECT, [100, 101, 102], { graphql }));
    const viaGraphql = await read(true);
    const viaRest = await read(false);
    expect(sb.requests(GRAPHQL)[0]!.body).toMatchObject({
      variables: { iids: ["100", "101", "102"], label: ["feature flag"] },
    });
    expect(viaGraphql.map((i) => [i.issue.ref.iid, i.issue.state])).toEqual([
      [101, "closed"],
      [100, "closed"],
    ]);
    expect(viaGraphql.map((i) => i.issue)).toEqual(viaRest.map((i) => i.issue));
    expect(viaGraphql[0]!.notes).toHaveLength(131);
    for (const [index, flag] of ["chatty_flag", "steady_flag"].entries()) {
      const comments = (list: IssueNotes) => list.notes.filter((n) => !n.system);
      expect(readHistory(viaGraphql[index]!.notes, flag, trust)).toEqual({
        ...readHistory(viaRest[index]!.notes, flag, trust),
        notes: comments(viaGraphql[index]!),
      });
      expect(comments(viaGraphql[index]!)).toEqual(comments(viaRest[index]!));
    }
  });

  it("asks again without the notes filter of a GitLab that does not take it, and drops system notes itself", async () => {
    decorate(sb);
    sb.expectRequests([{ request: GRAPHQL, times: 3 }]);
    sb.sandbox.faults.add({
      instance: "production",
      path: "/api/graphql",
      times: 1,
      kind: "status",
      status: 200,
      body: {
        errors: [
          {
            message: "Field 'notes' doesn't accept argument 'filter'",
            locations: [{ line: 7, column: 15 }],
            path: ["query readinessIssues", "project", "issues", "nodes", "notes", "filter"],
            extensions: {
              code: "argumentNotAccepted",
              name: "notes",
              typeName: "Field",
              argumentName: "filter",
            },
          },
        ],
      },
    });
    const { wired, config } = ports(sb);
    const items = await readAll(openIssuePages(wired, config, { project: PROJECT }));
    const bodies = sb.requests(GRAPHQL).map((e) => String((e.body as { query: string }).query));
    expect(bodies[0]).toContain("filter: ONLY_COMMENTS");
    expect(bodies[1]).not.toContain("filter:");
    expect(items[2]!.notes.some((n) => n.system)).toBe(false);
    expect(items[2]!.notes).toHaveLength(3);
    // 136 notes on 101 without the filter... still every one of its 131 comments.
    expect(items[1]!.notes).toHaveLength(131);
  });
});

describe("readiness --all when the issues instance has no GraphQL", () => {
  const sb = useStrictSandbox(seed);

  it("says so, reads through REST and reaches the same verdicts", async () => {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      flag: "steady_flag",
      readiness: { project: PROJECT },
    });
    const run = () => runCli(s.args("readiness", "--all"), { cwd: s.dir, env: s.env });
    const report = () =>
      JSON.parse(readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8")).flags.map(
        (f: { flag: string; checks: unknown; verdict: string }) => ({
          flag: f.flag,
          checks: f.checks,
          verdict: f.verdict,
        }),
      );
    // The specific requests first: a request counts for the first declaration it matches.
    sb.expectRequests([
      { request: NOTE, times: 3 },
      // chatty_flag has been fully on for three days: its one-day item is ticked.
      { request: "PUT /production/api/v4/projects/:id/issues/:iid", times: 1 },
      { request: GRAPHQL, times: 2 },
      { request: NOTES_READ, min: 3 },
      { request: ISSUES_LIST, times: 1 },
      ...READS,
    ]);
    const first = await run();
    expect(first.code).toBe(0);
    const viaGraphql = report();
    // A second day, GraphQL gone (an old GitLab, a proxy that does not pass it): 404.
    sb.sandbox.faults.add({
      instance: "production",
      path: "/api/graphql",
      kind: "status",
      status: 404,
      body: { message: "404 Not Found" },
    });
    const second = await run();
    expect(second.code).toBe(0);
    expect(second.stdout + second.stderr).toContain(
      `GraphQL is not available on "issues" (POST /production/api/graphql on "issues"`,
    );
    expect(second.stdout + second.stderr).toContain("reading the rollout issues through REST");
    expect(report()).toEqual(viaGraphql);
    // The verdicts did not change: no note written the second day; one notes read per issue.
    expect(sb.requests(NOTE)).toHaveLength(3);
    expect(sb.requests(ISSUES_LIST)).toHaveLength(1);
  });
});
