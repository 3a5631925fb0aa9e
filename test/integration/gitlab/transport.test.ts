// Our retry policy over real HTTP: 429 waits at least Retry-After, 5xx backs off, answers that
// are not accidents are never retried, timeouts and dropped connections end in typed errors.

import { describe, expect, it } from "vitest";
import { GitLabError } from "../../../src/errors.js";
import { GitLabFeatures } from "../../../src/flags/gitlab-features.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";

const GET = "GET /dev/api/v4/features";

describe("transport retries", () => {
  const sb = useStrictSandbox(() => singleInstanceSeed());

  function setup(options: { timeoutMs?: number; realSleep?: boolean } = {}) {
    const sleeps: number[] = [];
    const { logger, out } = captureLogger({ debug: true });
    const client = new GitLabClient(
      {
        name: "dev",
        url: sb.instanceUrl("dev"),
        tokenEnv: "FF_DEV_TOKEN",
        token: TOKENS.dev.admin,
      },
      {
        logger,
        timeoutMs: options.timeoutMs ?? 5000,
        // Delays are recorded, and slept for real only where the test measures time.
        sleep: async (ms) => {
          sleeps.push(ms);
          if (options.realSleep) await new Promise((r) => setTimeout(r, ms));
        },
      },
    );
    return { flags: new GitLabFeatures(client), sleeps, out };
  }

  it("waits at least Retry-After on 429, then succeeds", async () => {
    sb.expectRequests([{ request: GET, times: 2 }]);
    sb.sandbox.faults.add({
      instance: "dev",
      method: "GET",
      path: "/features",
      kind: "status",
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const { flags, sleeps } = setup({ realSleep: true });
    const started = Date.now();
    await flags.read(FLAG);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
    const [first, second] = sb.requests(GET);
    expect([first?.status, second?.status]).toEqual([429, 200]);
  });

  it("retries 503 with growing backoff and gives up after five attempts with a typed error", async () => {
    sb.expectRequests([{ request: GET, times: 5 }]);
    sb.sandbox.faults.add({ instance: "dev", path: "/features", kind: "status", status: 503 });
    const { flags, sleeps } = setup();
    const error = await flags.read(FLAG).catch((e) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect(error.kind).toBe("server");
    expect(error.details.attempts).toBe(5);
    expect(sleeps).toHaveLength(4);
    // Equal jitter: each wait lies in [base·2^n / 2, base·2^n], so waits never shrink and the
    // fourth is at least four times the first, whatever the random draw.
    for (let i = 1; i < sleeps.length; i++)
      expect(sleeps[i]!).toBeGreaterThanOrEqual(sleeps[i - 1]!);
    expect(sleeps[3]!).toBeGreaterThanOrEqual(sleeps[0]! * 4);
  });

  it("recovers when 503 clears before the attempts run out", async () => {
    sb.expectRequests([{ request: GET, times: 3 }]);
    sb.sandbox.faults.add({
      instance: "dev",
      path: "/features",
      kind: "status",
      status: 503,
      times: 2,
    });
    const { flags } = setup();
    expect((await flags.read(FLAG)).exists).toBe(false);
  });

  it.each([
    [400, "bad-request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not-found"],
  ])("does not retry %i", async (status, kind) => {
    sb.expectRequests([{ request: GET, times: 1 }]);
    sb.sandbox.faults.add({
      instance: "dev",
      path: "/features",
      kind: "status",
      status,
      body: { message: `${status} Nope` },
    });
    const { flags, sleeps } = setup();
    const error = await flags.read(FLAG).catch((e) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect(error.kind).toBe(kind);
    expect(sleeps).toHaveLength(0);
  });

  it("retries a dropped connection, and times out a silent instance with a clear message", async () => {
    sb.expectRequests([{ request: GET, times: 3 }]);
    sb.sandbox.faults.add({ instance: "dev", path: "/features", kind: "drop", times: 1 });
    const { flags } = setup();
    expect((await flags.read(FLAG)).exists).toBe(false);

    sb.sandbox.faults.add({ instance: "dev", path: "/features", kind: "delay", ms: 400, times: 1 });
    const slow = setup({ timeoutMs: 100 });
    // The first attempt times out; the delay fault is spent, so the retry answers.
    expect((await slow.flags.read(FLAG)).exists).toBe(false);
    expect(slow.sleeps).toHaveLength(1);
  });

  it("does not repeat a note creation that may have reached GitLab", async () => {
    sb.expectRequests([{ request: "POST /dev/api/v4/projects/:id/issues/:iid/notes", times: 1 }]);
    sb.sandbox.faults.add({
      instance: "dev",
      method: "POST",
      path: "/projects/:id/issues/:iid/notes",
      kind: "status",
      status: 502,
    });
    const { sleeps } = setup();
    const client = new GitLabClient(
      {
        name: "dev",
        url: sb.instanceUrl("dev"),
        tokenEnv: "FF_DEV_TOKEN",
        token: TOKENS.dev.admin,
      },
      {
        logger: captureLogger().logger,
        timeoutMs: 5000,
        sleep: async (ms) => void sleeps.push(ms),
      },
    );
    const error = await client.issueNotes.create("gitlab-org/gitlab", 42, "hello").catch((e) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect(sleeps).toHaveLength(0);
  });

  it("logs each request at debug level without any header or token", async () => {
    sb.expectRequests([GET]);
    const { flags, out } = setup();
    await flags.read(FLAG);
    expect(out.stderr).toMatch(/\[debug\] GET dev features -> 200 \(\d+ ms\)/);
    expect(out.stderr).not.toContain(TOKENS.dev.admin);
    expect(out.stderr.toLowerCase()).not.toContain("private-token");
  });
});
