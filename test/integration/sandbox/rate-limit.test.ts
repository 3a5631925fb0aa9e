// The optional authenticated API rate limit: RateLimit-* headers on every counted answer, 429
// with Retry-After past the limit, per user, fixed windows on the sandbox clock (advanced
// through the control route). And the clock's use by the new resources.

import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import { PROJECT, rolloutWorldSeed, SEED_CLOCK, TOKENS } from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
afterEach(() => sandbox.close());

const advance = (ms: number) =>
  fetch(`${sandbox.url}/__sandbox/clock`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ advance_ms: ms }),
  });

describe("rate limit", () => {
  it("is off by default: no RateLimit headers", async () => {
    sandbox = await startSandbox({ seed: rolloutWorldSeed() });
    const reply = await client(sandbox, "production", TOKENS.production.user)("GET", "/user");
    expect(reply.headers.get("ratelimit-limit")).toBeNull();
  });

  it("counts per user in fixed windows and answers 429 like Rack::Attack", async () => {
    sandbox = await startSandbox({
      seed: rolloutWorldSeed({ rateLimit: { requests_per_period: 2, period_seconds: 120 } }),
    });
    const dana = client(sandbox, "production", TOKENS.production.user);
    const first = await dana("GET", "/user");
    expect(first.status).toBe(200);
    // SEED_CLOCK is 10:00:00, so the 120-second window ends at 10:02:00.
    const reset = String(Date.parse("2026-11-26T10:02:00Z") / 1000);
    expect(
      Object.fromEntries([...first.headers].filter(([k]) => k.startsWith("ratelimit"))),
    ).toEqual({
      "ratelimit-name": "throttle_authenticated_api",
      "ratelimit-limit": "1",
      "ratelimit-observed": "1",
      "ratelimit-remaining": "1",
      "ratelimit-reset": reset,
    });
    expect((await dana("GET", "/nowhere")).headers.get("ratelimit-remaining")).toBe("0");
    const throttled = await dana("GET", "/user");
    expect(throttled.status).toBe(429);
    expect(throttled.text).toBe("Retry later\n");
    expect(throttled.headers.get("retry-after")).toBe("120");
    expect(throttled.headers.get("ratelimit-observed")).toBe("3");
    expect(throttled.headers.get("ratelimit-resettime")).toBe("Thu, 26 Nov 2026 10:02:00 GMT");
    // Another user has a count of their own; a request with no token is not counted.
    const admin = client(sandbox, "production", TOKENS.production.admin);
    expect((await admin("GET", "/user")).status).toBe(200);
    const anonymous = await client(sandbox, "production")("GET", "/user");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("ratelimit-limit")).toBeNull();
    // The next window starts the count again.
    await advance(90_000);
    const later = await dana("GET", "/user");
    expect(later.status).toBe(429);
    expect(later.headers.get("retry-after")).toBe("30");
    await advance(30_000);
    const fresh = await dana("GET", "/user");
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("ratelimit-observed")).toBe("1");
    expect(sandbox.log.filter((e) => e.status === 429)).toHaveLength(2);
  });
});

describe("the sandbox clock and the new resources", () => {
  it("stamps commits, MRs, milestones and issue links from the clock, after an advance", async () => {
    sandbox = await startSandbox({ seed: rolloutWorldSeed() });
    const api = client(sandbox, "production", TOKENS.production.user);
    await advance(3_600_000);
    const later = new Date(Date.parse(SEED_CLOCK) + 3_600_000).toISOString();
    const project = `/projects/${encodeURIComponent(PROJECT)}`;
    const commit = await api<{ committed_date: string }>("POST", `${project}/repository/commits`, {
      body: {
        branch: "timed",
        start_branch: "master",
        commit_message: "Timed",
        actions: [{ action: "create", file_path: "t", content: "" }],
      },
    });
    expect(commit.json.committed_date).toBe(later);
    const mr = await api<{ created_at: string }>("POST", `${project}/merge_requests`, {
      body: { source_branch: "timed", target_branch: "master", title: "Timed" },
    });
    expect(Date.parse(mr.json.created_at)).toBeGreaterThan(Date.parse(later));
    const milestone = await api<{ created_at: string }>("POST", `${project}/milestones`, {
      body: { title: "20.0" },
    });
    expect(Date.parse(milestone.json.created_at)).toBeGreaterThan(Date.parse(later));
    expect(commit.headers.get("date")).toBe(new Date(later).toUTCString());
  });
});
