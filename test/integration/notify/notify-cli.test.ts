// Notifications through the CLI against the sandbox, with a local HTTP receiver standing for Slack
// and for a JSON webhook: each destination gets the events it asked for, a receiver that fails or
// never answers leaves the phase's exit code alone and is reported, the webhook URLs appear in no
// output, and hostile values arrive inert.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_SCHEMA } from "../../../src/notify/render.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { startHookReceiver } from "../../helpers/hook-receiver.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, rolloutWorldSeed } from "../../helpers/seeds.js";

const SLACK_SECRET = "T0AAAA/B0BBBB/slacksecretXYZ123456";
const HOOK_SECRET = "team-hook-secret-987654321";
const HOSTILE = "graphs red <!channel> <@U123ABC> <https://evil.example|click> & /close @all";

type Receiver = Awaited<ReturnType<typeof startHookReceiver>>;

describe("notifications", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed({ flag: { percentage_of_actors: 25 } }));
  let hooks: Receiver;
  beforeEach(async () => {
    hooks = await startHookReceiver();
    sb.expectRequests(
      ["dev", "staging", "production"].flatMap((i) =>
        ["GET", "POST", "PUT"].flatMap((m) =>
          [1, 2, 3, 4, 5, 6, 7].map(
            (d) => `${m} /${i}/api/v4${Array.from({ length: d }, (_, k) => `/:p${k}`).join("")}`,
          ),
        ),
      ),
    );
  });
  afterEach(async () => {
    await hooks.close();
  });

  function setup(notify: unknown[], extra: Record<string, unknown> = {}) {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), { notify, ...extra });
    const env = {
      ...s.env,
      ...ciEnv("700", "ff-rollout:rollback"),
      FF_SLACK_PRODUCTION: hooks.url(`/services/${SLACK_SECRET}`),
      FF_WEBHOOK_TEAM: hooks.url(`/team/${HOOK_SECRET}?key=${HOOK_SECRET}`),
    };
    return { ...s, env };
  }

  function everyOutput(dir: string, ...texts: string[]): string {
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));
    return [...texts, ...files].join("\n");
  }

  it("a rollback reaches the Slack and webhook destinations that want rolled-back, inert and without the URLs", async () => {
    const s = setup([
      { slack_webhook_env: "FF_SLACK_PRODUCTION", events: ["rolled-back", "breached"] },
      { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["changed", "rolled-back"] },
      { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["refused"] },
      { slack_webhook_env: "FF_SLACK_PRODUCTION", phases: ["global"] },
    ]);
    const result = await runCli([...s.args("run", "rollback"), "--json", "--reason", HOSTILE], s);
    expect(result.code, result.stderr).toBe(0);

    expect(hooks.received.map((r) => r.path.split("/")[1]).sort()).toEqual(["services", "team"]);
    const slack = hooks.received.find((r) => r.path.startsWith("/services/"))!;
    expect(slack.contentType).toMatch(/application\/json/);
    const text = (slack.body as { text: string }).text;
    expect(text).toContain(FLAG);
    expect(text).toContain("rolled back on production");
    // Slack acts on <...> only: none survives from the reason; the only links are ours.
    expect(text).not.toMatch(/<!|<@|<https:\/\/evil/);
    expect(text).toContain("&lt;!channel&gt; &lt;@U123ABC&gt;");
    expect(text).toContain("&amp; /close @all");

    const hook = hooks.received.find((r) => r.path.startsWith("/team/"))!;
    expect(hook.body).toMatchObject({
      schema: WEBHOOK_SCHEMA,
      event: "rolled-back",
      phase: "rollback",
      flag: FLAG,
      production: true,
      reason: HOSTILE,
      user: "dana",
    });

    const json = JSON.parse(result.stdout).result as { notifications: unknown[] };
    expect(json.notifications).toEqual([
      { destination: "FF_SLACK_PRODUCTION", kind: "slack", event: "rolled-back", delivered: true },
      { destination: "FF_WEBHOOK_TEAM", kind: "webhook", event: "rolled-back", delivered: true },
    ]);
    const all = everyOutput(s.dir, result.stdout, result.stderr);
    for (const secret of [SLACK_SECRET, HOOK_SECRET, "slacksecret", s.env.FF_WEBHOOK_TEAM])
      expect(all).not.toContain(secret);
    // Nothing of the URLs went to GitLab either.
    const posted = JSON.stringify(sb.requests().map((e) => [e.path, e.query, e.body]));
    expect(posted).not.toContain("slacksecret");
    expect(posted).not.toContain(HOOK_SECRET);
  }, 30_000);

  it("a receiver answering 500 and one that never answers are reported, and the rollback still exits 0", async () => {
    hooks.answer("/services/", 500);
    hooks.answer("/team/", "hang");
    const s = setup(
      [
        { slack_webhook_env: "FF_SLACK_PRODUCTION" },
        { webhook_url_env: "FF_WEBHOOK_TEAM" },
        { webhook_url_env: "FF_UNSET_HOOK" },
      ],
      { request_timeout_seconds: 1 },
    );
    const result = await runCli([...s.args("run", "rollback"), "--json"], s);
    expect(result.code, result.stderr).toBe(0);
    const log = `${result.stdout}\n${result.stderr}`;
    expect(log).toContain(
      "Notification to FF_SLACK_PRODUCTION (slack) failed: the receiver answered 500",
    );
    expect(log).toContain("Notification to FF_WEBHOOK_TEAM (webhook) failed: no answer in time");
    expect(log).toContain(
      "Notification to FF_UNSET_HOOK (webhook) failed: variable FF_UNSET_HOOK is not set",
    );
    const json = JSON.parse(result.stdout).result as {
      off: string[];
      notifications: { delivered: boolean }[];
    };
    expect(json.off).toEqual(["production"]);
    expect(json.notifications.map((n) => n.delivered)).toEqual([false, false, false]);
    const all = everyOutput(s.dir, result.stdout, result.stderr);
    expect(all).not.toContain("slacksecret");
    expect(all).not.toContain(HOOK_SECRET);
  }, 30_000);

  it("a refusal is sent to the destinations that want refused, and the run still exits as refused", async () => {
    const s = setup([
      { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["refused"], phases: ["rollout"] },
      { slack_webhook_env: "FF_SLACK_PRODUCTION", events: ["changed", "rolled-back"] },
    ]);
    const result = await runCli(s.args("run", "rollout", "--percentage", "10"), s);
    expect(result.code, result.stderr).toBe(1);
    expect(hooks.received.map((r) => r.path.split("/")[1])).toEqual(["team"]);
    expect(hooks.received[0]!.body).toMatchObject({
      schema: WEBHOOK_SCHEMA,
      event: "refused",
      phase: "rollout",
      production: false,
    });
    const details = (hooks.received[0]!.body as { details: string[] }).details;
    expect(details.length).toBeGreaterThan(0);
    expect(details[0]).toMatch(/^\[(not now|never)\] /);
  }, 30_000);
});
