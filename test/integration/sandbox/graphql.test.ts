// The sandbox's /api/graphql against GitLab's behaviour: tokens (none, read_api, invalid),
// unknown fields and arguments reported with graphql-ruby's codes, parse errors, variables,
// the complexity limit, cursor pagination of issues and of an issue's notes, filters, rate limit.

import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { readinessSeed } from "../../helpers/readiness-seed.js";
import { DEVELOPER, PROJECT, TOKENS } from "../../helpers/seeds.js";

let sandbox: Sandbox;
afterEach(() => sandbox.close());

const FLAGS = ["a_flag", "b_flag", "c_flag"].map((name) => ({
  name,
  recorded: [{ production: { boolean: true }, minutesAgo: 60 }],
}));

async function gql(
  body: unknown,
  token: string | null = TOKENS.production.user,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${sandbox.instanceUrl("production")}/api/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === null ? {} : { "private-token": token }),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.startsWith("application/json");
  return {
    status: response.status,
    body: json ? (JSON.parse(text) as Record<string, unknown>) : { text },
    headers: response.headers,
  };
}

interface IssuesData {
  project: {
    issues: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        iid: string;
        createdAt: string;
        notes: { pageInfo: { hasNextPage: boolean }; nodes: unknown[] };
      }[];
    };
  };
}

const ISSUES = `query page($fullPath: ID!, $after: String) {
  project(fullPath: $fullPath) {
    issues(state: opened, labelName: ["feature flag"], first: 2, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { iid createdAt notes(filter: ONLY_COMMENTS, first: 1) { pageInfo { hasNextPage endCursor } nodes { id author { username } system } } }
    }
  }
}`;

describe("sandbox /api/graphql", () => {
  it("pages issues newest first and their notes oldest first, by cursor", async () => {
    sandbox = await startSandbox({ seed: readinessSeed(FLAGS) });
    const issue = sandbox.state("production").issue(PROJECT, 101);
    sandbox.state("production").addNote(issue, DEVELOPER.id, "later", { system: true });
    sandbox.state("production").addNote(issue, DEVELOPER.id, "a comment");
    const first = await gql({ query: ISSUES, variables: { fullPath: PROJECT } });
    expect(first.status).toBe(200);
    const page = (first.body.data as IssuesData).project.issues;
    expect(page.nodes.map((n: { iid: string }) => n.iid)).toEqual(["102", "101"]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    // Whole seconds, as GitLab's Time scalar gives them.
    expect(page.nodes[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const notes = page.nodes[1]!.notes;
    expect(notes.nodes).toEqual([
      {
        id: expect.stringMatching(/^gid:\/\/gitlab\/Note\/\d+$/),
        author: { username: "dana" },
        system: false,
      },
    ]);
    expect(notes.pageInfo.hasNextPage).toBe(true);
    const second = await gql({
      query: ISSUES,
      variables: { fullPath: PROJECT, after: page.pageInfo.endCursor },
    });
    const rest = (second.body.data as IssuesData).project.issues;
    expect(rest.nodes.map((n: { iid: string }) => n.iid)).toEqual(["100"]);
    expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });

  it("answers null for a project the user may not see, and serves read_api tokens and anonymous users", async () => {
    sandbox = await startSandbox({ seed: readinessSeed(FLAGS) });
    const query =
      'query { project(fullPath: "nobody/nothing") { fullPath } currentUser { username } }';
    expect((await gql({ query })).body).toEqual({
      data: { project: null, currentUser: { username: "dana" } },
    });
    const reader = await gql({ query }, TOKENS.production.readOnly);
    expect(reader.status).toBe(200);
    const anonymous = await gql({ query }, null);
    expect(anonymous.body).toEqual({ data: { project: null, currentUser: null } });
  });

  it("refuses a token that does not work with 401 Invalid token", async () => {
    sandbox = await startSandbox({ seed: readinessSeed(FLAGS) });
    const reply = await gql({ query: "{ currentUser { username } }" }, "glpat-not-a-token");
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ errors: [{ message: "Invalid token" }] });
  });

  it("reports unknown fields, arguments and bad literals with graphql-ruby's codes, and runs nothing", async () => {
    sandbox = await startSandbox({ seed: readinessSeed(FLAGS) });
    const reply = await gql({
      query: `{ project(fullPath: "${PROJECT}") { issues(state: "opened", colour: 1) { nodes { iid weight } } } }`,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeUndefined();
    const errors = reply.body.errors as { message: string; extensions: { code: string } }[];
    expect(errors.map((e) => [e.extensions.code, e.message])).toEqual([
      [
        "argumentLiteralsIncompatible",
        "Argument 'state' on Field 'issues' has an invalid value (\"opened\"). Expected type 'IssuableState'.",
      ],
      ["argumentNotAccepted", "Field 'issues' doesn't accept argument 'colour'"],
      ["undefinedField", "Field 'weight' doesn't exist on type 'Issue'"],
    ]);
  });

  it("reports parse errors, missing variables and unused ones", async () => {
    sandbox = await startSandbox({ seed: readinessSeed(FLAGS) });
    expect((await gql({ query: "{ project(fullPath: 1) { id }" })).body).toEqual({
      errors: [{ message: "Unexpected end of document" }],
    });
    const missing = await gql({
      query: "query q($fullPath: ID!) { project(fullPath: $fullPath) { id } }",
    });
    expect((missing.body.errors as { message: string }[])[0]!.message).toBe(
      "Variable $fullPath of type ID! was provided invalid value",
    );
    const unused = await gql({ query: "query q($x: String) { currentUser { username } }" });
    expect((unused.body.errors as { message: string }[])[0]!.message).toBe(
      "Variable $x is declared by q but not used",
    );
  });

  it("refuses a query above GitLab's complexity limit for a user", async () => {
    sandbox = await startSandbox({ seed: readinessSeed(FLAGS) });
    const aliases = Array.from(
      { length: 6 },
      (_, i) =>
        `i${i}: issues(first: 100, search: "x") { nodes { iid title description notes(first: 100) { nodes { id body createdAt author { username } } } } }`,
    ).join(" ");
    const reply = await gql({ query: `{ project(fullPath: "${PROJECT}") { ${aliases} } }` });
    expect((reply.body.errors as { message: string }[])[0]!.message).toMatch(
      /^Query has complexity of \d+, which exceeds max complexity of 250$/,
    );
  });

  it("counts GraphQL requests against the authenticated API rate limit", async () => {
    sandbox = await startSandbox({
      seed: readinessSeed(FLAGS, { rateLimit: { requests_per_period: 1, period_seconds: 60 } }),
    });
    const first = await gql({ query: "{ currentUser { username } }" });
    expect(first.headers.get("ratelimit-remaining")).toBe("0");
    const second = await gql({ query: "{ currentUser { username } }" });
    expect(second.status).toBe(429);
    expect(sandbox.log.map((e) => [e.api, e.path, e.status])).toEqual([
      ["graphql", "/api/graphql", 200],
      ["graphql", "/api/graphql", 429],
    ]);
  });
});
