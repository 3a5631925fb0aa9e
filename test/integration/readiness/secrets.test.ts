// No token leaves readiness --all on its GraphQL path: not on stdout or stderr (debug logging
// on), not in the JSON or JUnit report, not in a note it posts, not in a GraphQL request's body
// or URL (the token travels in a header only). The same when GraphQL answers with errors (one
// that even quotes the token back), with 401, or is missing and the run falls back to REST.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { readinessSeed, type SeedFlag } from "../../helpers/readiness-seed.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { PROJECT, TOKENS } from "../../helpers/seeds.js";

const ALL_TOKENS = Object.values(TOKENS).flatMap((t) => [t.admin, t.user, t.readOnly]);
const GRAPHQL = "POST /production/api/graphql";
// This test is about what is printed and posted, not which requests are made.
const ANY_REQUEST = [
  GRAPHQL,
  ...["dev", "staging", "production"].flatMap((instance) =>
    [1, 2, 3, 4, 5, 6, 7].map(
      (depth) =>
        `* /${instance}/api/v4${Array.from({ length: depth }, (_, i) => `/:p${i}`).join("")}`,
    ),
  ),
];

const FLAGS: SeedFlag[] = [
  {
    name: "steady_flag",
    production: { percentage_of_actors: 25 },
    recorded: [{ production: { percentageOfActors: 25 }, minutesAgo: 60 }],
  },
  {
    name: "drifted_flag",
    production: { percentage_of_actors: 50 },
    recorded: [{ production: { percentageOfActors: 10 }, minutesAgo: 90 }],
  },
];

function expectNoToken(where: string, text: string) {
  for (const token of ALL_TOKENS) expect(text, where).not.toContain(token);
  expect(text, where).not.toMatch(/private-token:\s*\S/i);
}

type Sb = ReturnType<typeof useStrictSandbox>;

const GRAPHQL_FAULTS: {
  name: string;
  add: (sb: Sb) => void;
  fallsBack: boolean;
  /** What GitLab said that the run prints (with the token taken out). */
  printed?: string;
}[] = [
  { name: "GraphQL answering", add: () => undefined, fallsBack: false },
  {
    name: "GraphQL errors that quote the token back",
    add: (sb) =>
      sb.sandbox.faults.add({
        instance: "production",
        path: "/api/graphql",
        kind: "status",
        status: 200,
        body: {
          errors: [{ message: `Query failed for token ${TOKENS.production.user}` }],
        },
      }),
    fallsBack: true,
    printed: "Query failed for token",
  },
  {
    name: "GraphQL answering 401",
    add: (sb) =>
      sb.sandbox.faults.add({
        instance: "production",
        path: "/api/graphql",
        kind: "status",
        status: 401,
        body: { errors: [{ message: "Invalid token" }] },
      }),
    fallsBack: true,
  },
  {
    name: "no GraphQL (404), the REST fallback",
    add: (sb) =>
      sb.sandbox.faults.add({
        instance: "production",
        path: "/api/graphql",
        kind: "status",
        status: 404,
        body: { message: "404 Not Found" },
      }),
    fallsBack: true,
  },
];

describe("readiness --all never prints or posts a token", () => {
  const sb = useStrictSandbox(() => readinessSeed(FLAGS));

  for (const fault of GRAPHQL_FAULTS) {
    it(`with debug logging and ${fault.name}`, async () => {
      sb.expectRequests(ANY_REQUEST);
      fault.add(sb);
      const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
        flag: "steady_flag",
        readiness: { project: PROJECT },
      });
      const result = await runCli(s.args("readiness", "--all", "--json"), {
        cwd: s.dir,
        env: { ...s.env, FF_ROLLOUT_DEBUG: "1" },
      });
      // drifted_flag is a warning: the run itself succeeds, whichever path it read through.
      expect(result.code).toBe(0);
      expect(result.stderr).toContain("[debug]");
      const output = result.stdout + result.stderr;
      if (fault.fallsBack) expect(output).toContain("reading the rollout issues through REST");
      if (fault.printed) expect(output).toContain(fault.printed);
      expectNoToken("stdout", result.stdout);
      expectNoToken("stderr", result.stderr);
      expectNoToken("JSON report", readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8"));
      expectNoToken("JUnit report", readFileSync(join(s.dir, "ff-rollout-readiness.xml"), "utf8"));
      const posted = sb.state("production").notes(PROJECT, 101);
      expect(posted.some((n) => n.body.includes("ff-rollout:readiness"))).toBe(true);
      for (const iid of [100, 101])
        for (const note of sb.state("production").notes(PROJECT, iid))
          expectNoToken(`note on #${iid}`, note.body);
      const graphql = sb.requests(GRAPHQL);
      expect(graphql.length).toBeGreaterThan(0);
      for (const request of graphql)
        expectNoToken("GraphQL request", JSON.stringify([request.body, request.query]));
    }, 30_000);
  }
});
