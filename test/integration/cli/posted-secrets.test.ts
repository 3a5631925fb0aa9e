// A token echoed by GitLab in an error body must not travel on: not into the audit note, the
// status note or the readiness note (every request body the sandbox received is checked), not
// to stdout, stderr, --json, the report files or the JUnit file. The echo carries the token in
// each spelling seen: raw, URL-encoded, as the base64 of a Basic header, and its last characters.
// Run in-process and as the real binary.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../../src/sandbox/log.js";
import { type CliResult, runBinary, runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { readinessSeed } from "../../helpers/readiness-seed.js";
import { type StrictSandbox, useStrictSandbox } from "../../helpers/sandbox.js";
import { PROJECT, rolloutWorldSeed, TOKENS } from "../../helpers/seeds.js";

const ALL_TOKENS = Object.values(TOKENS).flatMap((t) => [t.admin, t.user, t.readOnly]);
const ANY_REQUEST = ["dev", "staging", "production"].flatMap((instance) =>
  [1, 2, 3, 4, 5, 6, 7, 8].flatMap((depth) =>
    ["GET", "POST", "PUT", "DELETE"].map(
      (method) =>
        `${method} /${instance}/api/v4${Array.from({ length: depth }, (_, i) => `/:p${i}`).join("")}`,
    ),
  ),
);

/** GitLab (or a proxy in front of it) quoting the token back in every spelling. */
function echoing(token: string): string {
  const basic = Buffer.from(`ff-rollout:${token}`).toString("base64");
  return `token ${token} rejected (header ${encodeURIComponent(token)}, Basic ${basic}, ends ${token.slice(-12)})`;
}

/** Every form that must not appear: the sandbox writes [FILTERED] where a raw token reached it. */
function leaks(text: string): string[] {
  const found: string[] = [];
  if (text.includes("[FILTERED]")) found.push("a raw token (the sandbox filtered it)");
  for (const token of ALL_TOKENS) {
    const forms = [
      token,
      encodeURIComponent(token),
      Buffer.from(`ff-rollout:${token}`).toString("base64"),
      token.slice(-12),
    ];
    for (const form of forms) if (text.includes(form)) found.push(form);
  }
  return found;
}

function expectNoLeak(where: string, text: string) {
  expect(leaks(text), where).toEqual([]);
}

function expectCleanRequests(entries: RequestLogEntry[]) {
  for (const e of entries) {
    expectNoLeak(`${e.method} ${e.instance} ${e.path}`, JSON.stringify([e.path, e.query, e.body]));
  }
}

function notesSent(sb: StrictSandbox): string[] {
  return sb
    .requests()
    .filter((e) => /\/notes(\/\d+)?$/.test(e.path) && e.method !== "GET")
    .map((e) => String((e.body as { body?: unknown }).body));
}

const RUNNERS: [string, typeof runCli][] = [
  ["in-process", runCli],
  ["the real binary", runBinary],
];

describe("secrets in what is posted", () => {
  describe("a phase whose flag write fails with a body that echoes the token", () => {
    const sb = useStrictSandbox(() => rolloutWorldSeed());

    for (const [how, run] of RUNNERS) {
      it(`keeps it out of the audit and status notes and every output (${how})`, async () => {
        sb.expectRequests(ANY_REQUEST);
        sb.sandbox.faults.add({
          instance: "staging",
          method: "POST",
          path: "/features/:name",
          kind: "status",
          status: 400,
          body: { message: `400 Bad request - ${echoing(TOKENS.staging.admin)}` },
        });
        const s = sandboxCliSetup((n) => sb.instanceUrl(n));
        const env = { ...s.env, ...ciEnv("501"), FF_ROLLOUT_DEBUG: "1" };
        const result: CliResult = await run(s.args("run", "non-production", "--json"), {
          ...s,
          env,
        });
        expect(result.code, result.stderr).toBe(3);
        expectNoLeak("stdout", result.stdout);
        expectNoLeak("stderr", result.stderr);
        expect(result.stderr).toContain("[MASKED]");

        const notes = notesSent(sb);
        expect(notes.length).toBeGreaterThanOrEqual(1);
        expect(notes.some((n) => n.includes("[MASKED]"))).toBe(true);
        expectCleanRequests(sb.requests());
        const stored = sb.state("production").notes(PROJECT, 42);
        for (const n of stored) expectNoLeak(`note ${n.id}`, n.body);
      }, 30_000);
    }
  });

  describe("readiness with an instance whose error echoes the token", () => {
    const sb = useStrictSandbox(() =>
      readinessSeed([
        {
          name: "steady_flag",
          production: { percentage_of_actors: 25 },
          recorded: [{ production: { percentageOfActors: 25 }, minutesAgo: 60 }],
        },
      ]),
    );

    for (const [how, run] of RUNNERS) {
      it(`keeps it out of the readiness note, the report, the JUnit file and the output (${how})`, async () => {
        sb.expectRequests(ANY_REQUEST);
        sb.sandbox.faults.add({
          instance: "staging",
          method: "GET",
          path: /^\/features/,
          kind: "status",
          status: 500,
          body: { message: `500 Internal Server Error: ${echoing(TOKENS.staging.admin)}` },
        });
        const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
          flag: "steady_flag",
          rollout_issue: `${PROJECT}#100`,
        });
        const result = await run(s.args("readiness", "--json"), { cwd: s.dir, env: s.env });
        expect(result.code, result.stderr).toBe(0); // a warning: staging does not answer
        expectNoLeak("stdout", result.stdout);
        expectNoLeak("stderr", result.stderr);
        const report = readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8");
        const junit = readFileSync(join(s.dir, "ff-rollout-readiness.xml"), "utf8");
        expectNoLeak("report", report);
        expectNoLeak("junit", junit);
        expect(report).toContain("[MASKED]");

        const notes = notesSent(sb);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toContain("[MASKED]");
        expectCleanRequests(sb.requests());
      }, 30_000);
    }
  });
});
