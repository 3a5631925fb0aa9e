// No token ever leaves the process: not on stdout, stderr, in a thrown error (however deeply it
// is inspected) or in the JSON report, with debug logging on and requests failing in every way.

import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { GitLabFeatures } from "../../../src/flags/gitlab-features.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { runBinary, runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, rolloutWorldSeed, TOKENS } from "../../helpers/seeds.js";

const ALL_TOKENS = Object.values(TOKENS).flatMap((t) => [t.admin, t.user, t.readOnly]);

// This test is about what is printed, not which requests are made: any request is allowed.
const ANY_REQUEST = ["dev", "staging", "production"].flatMap((instance) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map(
    (depth) =>
      `* /${instance}/api/v4${Array.from({ length: depth }, (_, i) => `/:p${i}`).join("")}`,
  ),
);

function expectNoToken(text: string) {
  for (const token of ALL_TOKENS) expect(text).not.toContain(token);
  expect(text).not.toMatch(/private-token:\s*\S/i);
}

type Fault = {
  name: string;
  add: (sb: ReturnType<typeof useStrictSandbox>) => void;
  timeout?: boolean;
};

const FAULTS: Fault[] = [
  {
    name: "401 (token rejected)",
    add: (sb) =>
      sb.sandbox.faults.add({
        path: /.*/,
        kind: "status",
        status: 401,
        body: { message: "401 Unauthorized" },
      }),
  },
  {
    name: "500 on every request",
    add: (sb) =>
      sb.sandbox.faults.add({
        path: /.*/,
        kind: "status",
        status: 500,
        body: { message: "500 Internal Server Error" },
      }),
  },
  {
    name: "a timeout",
    add: (sb) => sb.sandbox.faults.add({ path: /.*/, kind: "delay", ms: 1500 }),
    timeout: true,
  },
];

describe("secrets", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed());

  for (const fault of FAULTS) {
    for (const command of [["status"], ["run", "non-production"]]) {
      it(`never prints a token: ${command.join(" ")} with debug logging and ${fault.name}`, async () => {
        sb.expectRequests(ANY_REQUEST);
        fault.add(sb);
        const s = sandboxCliSetup(
          (n) => sb.instanceUrl(n),
          fault.timeout ? { request_timeout_seconds: 0.2 } : {},
        );
        const env = { ...s.env, FF_ROLLOUT_DEBUG: "1" };
        const report = command[0] === "status" ? ["--report", s.report] : [];
        const result = await runCli(s.args(...command, ...report, "--json"), { ...s, env });
        expect(result.code).toBe(3);
        expect(result.stderr).toContain("[debug]");
        expectNoToken(result.stdout);
        expectNoToken(result.stderr);
        if (command[0] === "status") expectNoToken(readFileSync(s.report, "utf8"));
      }, 30_000);
    }
  }

  it("keeps tokens out of errors thrown by the adapter, however deeply inspected", async () => {
    sb.expectRequests(["GET /dev/api/v4/features"]);
    sb.sandbox.faults.add({
      path: /.*/,
      kind: "status",
      status: 403,
      body: { message: "403 Forbidden" },
    });
    const client = new GitLabClient(
      {
        name: "dev",
        url: sb.instanceUrl("dev"),
        tokenEnv: "FF_DEV_TOKEN",
        token: TOKENS.dev.admin,
      },
      { logger: captureLogger({ debug: true }).logger, timeoutMs: 2000 },
    );
    const error = await new GitLabFeatures(client).read(FLAG).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoToken(inspect(error, { depth: 10, showHidden: true }));
    expectNoToken(JSON.stringify(error, Object.getOwnPropertyNames(error)));
  });

  it("the real binary prints no token when every request fails", async () => {
    sb.expectRequests(ANY_REQUEST);
    sb.sandbox.faults.add({
      path: /.*/,
      kind: "status",
      status: 401,
      body: { message: "401 Unauthorized" },
    });
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runBinary(s.args("run", "non-production"), {
      ...s,
      env: { ...s.env, FF_ROLLOUT_DEBUG: "1" },
    });
    expect(result.code).toBe(3);
    // Whichever read fails first names its variable (the flags and GET /user go in parallel).
    expect(result.stderr).toMatch(/GitLab rejected the token in FF_(DEV|ISSUES)_TOKEN/);
    expectNoToken(result.stdout + result.stderr);
  });
});
