// `ff-rollout status` against the sandbox: every instance and the issue's progress, the JSON
// report, and an instance that fails without hiding the others.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { WHO_AM_I } from "../../helpers/requests.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, rolloutWorldSeed } from "../../helpers/seeds.js";

const READS = [
  WHO_AM_I,
  { request: "GET /dev/api/v4/features", times: 1 },
  { request: "GET /staging/api/v4/features", times: 1 },
  { request: "GET /production/api/v4/features", times: 1 },
  { request: "GET /production/api/v4/projects/:id/issues/:iid", times: 1 },
  "GET /production/api/v4/projects/:id/issues/:iid/notes",
  "GET /production/api/v4/projects/:id",
  "GET /production/api/v4/projects/:id/repository/tree",
  "GET /production/api/v4/projects/:id/repository/files/:path",
];

describe("status", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({ flag: { boolean: false, percentage_of_actors: 25 } }),
  );

  it("shows the flag on every instance and the checklist, and writes the JSON report", async () => {
    sb.expectRequests(READS);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("status", "--json", "--report", s.report), s);
    expect(result.code).toBe(0);
    const { result: printed, ...envelope } = JSON.parse(result.stdout);
    expect(envelope).toMatchObject({ schemaVersion: 1, command: "status", outcome: "done" });
    expect(printed).toEqual(JSON.parse(readFileSync(s.report, "utf8")));
    expect(printed.flag).toBe(FLAG);
    expect(
      printed.instances.map((i: { environment: string; summary: string }) => [
        i.environment,
        i.summary,
      ]),
    ).toEqual([
      ["dev", "25% of actors"],
      ["staging", "25% of actors"],
      ["production", "25% of actors"],
    ]);
    expect(printed.issue.checklist.total).toBe(7);
    expect(printed.issue.checklist.checked).toBe(0);
    expect(printed.issue.checklist.waitingForPerson).toEqual(["Checked the change on staging."]);
    // With --json the story goes to stderr, so stdout stays parseable.
    expect(result.stderr).toContain("checklist: 0 of 7 items ticked");
  });

  it("reports an instance it cannot read, still shows the others, and exits 3", async () => {
    // Twice: once for the story, once with --json.
    sb.expectRequests(READS.map((r) => (typeof r === "string" ? r : { ...r, times: 2 })));
    sb.sandbox.faults.add({
      instance: "staging",
      path: "/features",
      kind: "status",
      status: 404,
      body: { error: "404 Not Found" },
    });
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("status", "--report", s.report), s);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/dev +non-production +25% of actors/);
    expect(result.stdout).toMatch(
      /staging +non-production +ERROR: GET features on "staging" .* failed with 404/,
    );
    const report = JSON.parse(readFileSync(s.report, "utf8"));
    expect(report.instances[1].error).toContain("failed with 404");

    // The same with --json: one result, exit 3 named, the unreadable instance as its reason.
    const json = await runCli(s.args("status", "--json"), s);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({
      outcome: "gitlab-error",
      exitCode: 3,
      reasons: [{ kind: "gitlab", message: expect.stringMatching(/^staging: .*404/) }],
    });
  });

  it("writes no report file unless asked (--report PATH)", async () => {
    sb.expectRequests(READS);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("status"), s);
    expect(result.code).toBe(0);
    expect(existsSync(s.report)).toBe(false);
    expect(readdirSync(s.dir).filter((f) => f.endsWith(".json"))).toEqual([]);
  });
});
