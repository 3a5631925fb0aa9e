// A rollback under a bad day's faults, against the sandbox over HTTP: it needs nothing but the
// Features API of the instances it turns off. The issues instance down (503, resets, a dead
// host), an expired issues token, one instance failing under --everywhere, a flag write that
// answers 500 twice: production ends off wherever it can, and the result says where it is off.

import { describe, expect, it } from "vitest";
import { rollbackFailure, rollbackFlag } from "../../../src/engine/run-rollback.js";
import { readMarker } from "../../../src/report/marker.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { rollbackPorts } from "../../helpers/rollback-ports.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, standardSeed, TOKENS } from "../../helpers/seeds.js";

const ISSUE_API = /^\/projects\//;
const on = (sb: ReturnType<typeof useStrictSandbox>, instance: string) =>
  sb.state(instance).features.get(FLAG)?.boolean;

describe("rollback survives", () => {
  const sb = useStrictSandbox(() => standardSeed({ flag: { boolean: true } }));

  it("the issues API answering 503: production is off first, the issue work fails after", async () => {
    sb.expectRequests([...ANY_READ, { request: WRITES.flag("production"), times: 1 }]);
    sb.sandbox.faults.add({ instance: "production", path: ISSUE_API, kind: "status", status: 503 });
    const { ports } = rollbackPorts(sb);
    const result = await rollbackFlag(ports, { reason: "errors spiking" });
    expect(on(sb, "production")).toBe(false);
    expect(result.off).toEqual(["production"]);
    expect(result.notOff).toEqual([]);
    expect(result.issueErrors.join("\n")).toMatch(/notes/);
    // The flag write came before any request to the issue.
    const log = sb.requests();
    const write = log.findIndex((e) => e.method === "POST" && e.path.startsWith("/features/"));
    const firstIssue = log.findIndex((e) => ISSUE_API.test(e.path));
    expect(write).toBeGreaterThanOrEqual(0);
    expect(firstIssue).toBeGreaterThan(write);
    const error = rollbackFailure(result);
    expect(error?.exitCode).toBe(3);
    expect(error?.message.split("\n")[0]).toBe(
      `rollback done: \`${FLAG}\` is off on production; the rollout issue was not fully updated`,
    );
  });

  it("connections to the issues API reset", async () => {
    sb.expectRequests([...ANY_READ, { request: WRITES.flag("production"), times: 1 }]);
    sb.sandbox.faults.add({ instance: "production", path: ISSUE_API, kind: "drop" });
    const { ports } = rollbackPorts(sb);
    const result = await rollbackFlag(ports, { reason: "resets" });
    expect(on(sb, "production")).toBe(false);
    expect(result.off).toEqual(["production"]);
    expect(result.issueErrors.length).toBeGreaterThan(0);
  });

  it("a dead issues host", async () => {
    sb.expectRequests([...ANY_READ, { request: WRITES.flag("production"), times: 1 }]);
    // Port 9 (discard) on loopback: nothing listens, connections are refused.
    const { ports } = rollbackPorts(sb, {
      issues: { url: "http://127.0.0.1:9", token_env: "FF_ISSUES_TOKEN" },
    });
    const result = await rollbackFlag(ports, { reason: "dead host" });
    expect(on(sb, "production")).toBe(false);
    expect(result.notOff).toEqual([]);
    expect(result.issueErrors.join("\n")).toMatch(/issues/);
  });

  it("a flag write answering 500 twice, then OK: retried, off, recorded", async () => {
    sb.expectRequests([
      ...ANY_READ,
      { request: WRITES.flag("production"), times: 3 },
      WRITES.note,
      WRITES.issue,
    ]);
    sb.sandbox.faults.add({
      instance: "production",
      method: "POST",
      path: "/features/:name",
      kind: "status",
      status: 500,
      times: 2,
    });
    const { ports } = rollbackPorts(sb);
    const result = await rollbackFlag(ports, { reason: "500s" });
    expect(on(sb, "production")).toBe(false);
    expect(rollbackFailure(result)).toBeUndefined();
    expect(result.note).toBeDefined();
  });

  it("--everywhere with one instance failing: production first, the others past the failure", async () => {
    sb.expectRequests([
      ...ANY_READ,
      { request: WRITES.flag("production"), times: 1 },
      { request: WRITES.flag("dev"), times: 1 },
      { request: WRITES.flag("staging"), min: 1 },
      WRITES.note,
      WRITES.issue,
    ]);
    sb.sandbox.faults.add({
      instance: "staging",
      method: "POST",
      path: "/features/:name",
      kind: "status",
      status: 500,
    });
    const { ports } = rollbackPorts(sb);
    const result = await rollbackFlag(ports, { reason: "bad", scope: { kind: "everywhere" } });
    expect(on(sb, "production")).toBe(false);
    expect(on(sb, "dev")).toBe(false);
    expect(on(sb, "staging")).toBe(true);
    expect(result.off.sort()).toEqual(["dev", "production"]);
    expect(result.notOff).toEqual(["staging"]);
    const posts = sb.requests({ method: "POST", path: "/features/:name" });
    expect(posts[0]!.instance).toBe("production");
    const first = rollbackFailure(result)!.message.split("\n")[0];
    expect(first).toBe(
      `rollback incomplete: \`${FLAG}\` is off on dev, production; NOT off on staging`,
    );
    // The note says what happened on each instance, the failure included.
    const event = readMarker(
      sb
        .state("production")
        .notes(PROJECT, ISSUE_IID)
        .find((n) => readMarker(n.body))!.body,
    )!;
    expect(event.outcome).toBe("partial");
    expect(event.instances.find((i) => i.environment === "staging")?.status).toBe("failed");
  });
});

describe("rollback --dry-run", () => {
  const sb = useStrictSandbox(() => standardSeed({ flag: { boolean: true } }));

  it("reads the flag on the chosen instances only, prints the plan, writes nothing, never asks the issue", async () => {
    sb.expectRequests(["GET /production/api/v4/features", "GET /staging/api/v4/features"]);
    const result = await phaseRunner(sb).run(
      "run",
      "rollback",
      "--dry-run",
      "--environment",
      "staging",
      "--environment",
      "production",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Plan: set \`${FLAG}\` to false on 2 instances (staging, production)`,
    );
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(on(sb, "production")).toBe(true);
  });
});

describe("rollback from the CLI", () => {
  const sb = useStrictSandbox(() => standardSeed({ flag: { boolean: true } }));

  it("an expired issues token: exit 3, the first line says the flag is off on production", async () => {
    sb.expectRequests([...ANY_READ, { request: WRITES.flag("production"), times: 1 }]);
    const token = sb.state("production").tokens.find((t) => t.token === TOKENS.production.user)!;
    token.expiresAt = "2026-01-01";
    const result = await phaseRunner(sb).run("run", "rollback", "--reason", "token test");
    expect(result.code).toBe(3);
    expect(on(sb, "production")).toBe(false);
    expect(result.stderr.split("\n")[0]).toBe(
      `ERROR: rollback done: \`${FLAG}\` is off on production; the rollout issue was not fully updated`,
    );
    expect(result.stderr).not.toContain(TOKENS.production.user);
  });

  it("flags.<flag>.environments is honoured: --everywhere means that flag's instances", async () => {
    sb.expectRequests([
      ...ANY_READ,
      { request: WRITES.flag("production"), times: 1 },
      { request: WRITES.flag("staging"), times: 1 },
      WRITES.note,
      WRITES.issue,
    ]);
    const p = phaseRunner(sb, { flags: { [FLAG]: { environments: ["staging", "production"] } } });
    const result = await p.run("run", "rollback", "--everywhere");
    expect(result.code).toBe(0);
    expect([on(sb, "dev"), on(sb, "staging"), on(sb, "production")]).toEqual([true, false, false]);
    expect(sb.requests({ instance: "dev" })).toEqual([]);
  });
});
