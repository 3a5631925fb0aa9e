// The prepare run's announcement, through the CLI against the strict sandbox with a local receiver:
// it tells each destination that wants `announced` what is coming on production, once, and ticks
// the template's "notify support and your team channel" item only when every such destination got
// it. Without a destination for it the item stays a person's, and prepare waits for that person.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ALL_WRITES } from "../../helpers/cli-world.js";
import { startHookReceiver } from "../../helpers/hook-receiver.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

const SUPPORT_ITEM = "Notify `#support_gitlab-com` and your team channel about the change.";

// Our own words, with the sections a real template has around the item.
const DESCRIPTION = [
  `## Rolling out \`${FLAG}\``,
  "",
  "### Rollout on non-production environments",
  "",
  `- [ ] \`/chatops run feature set ${FLAG} true --dev --staging\``,
  "",
  "### Preparation before global rollout",
  "",
  `- [ ] ${SUPPORT_ITEM}`,
  "",
  "### Global rollout on production",
  "",
  `- [ ] \`/chatops run feature set ${FLAG} 10 --actors\``,
  `- [ ] \`/chatops run feature set ${FLAG} true\``,
].join("\n");

type Receiver = Awaited<ReturnType<typeof startHookReceiver>>;

describe("the prepare run's announcement", () => {
  const sb = useStrictSandbox(() =>
    rolloutWorldSeed({
      description: DESCRIPTION,
      deployedAt: { "gprd-cny": "merge", gprd: "merge" },
    }),
  );
  let hooks: Receiver;
  let job = 800;
  beforeEach(async () => {
    hooks = await startHookReceiver();
    sb.expectRequests(ALL_WRITES);
  });
  afterEach(async () => {
    await hooks.close();
  });

  function setup(notify: unknown[]) {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      notify,
      percentages: [10, 50],
      milestone: "19.7",
    });
    const env = {
      ...s.env,
      FF_SLACK_SUPPORT: hooks.url("/services/T0/B0SUPPORT/supportsecret42"),
      FF_WEBHOOK_TEAM: hooks.url("/team/teamsecret42"),
    };
    const run = (phase: string) =>
      runCli([...s.args("run", phase), "--json"], {
        cwd: s.dir,
        env: { ...env, ...ciEnv(String(job++), `ff-rollout:${phase}`) },
      });
    return { run };
  }

  const box = () =>
    (sb.state("production").issue(PROJECT, ISSUE_IID).description ?? "")
      .split("\n")
      .find((l) => l.includes(SUPPORT_ITEM))
      ?.slice(0, 5);
  const announcements = () =>
    hooks.received.filter(
      (r) =>
        JSON.stringify(r.body).includes("about to start") ||
        (r.body as { event?: string }).event === "announced",
    );

  it("tells every destination that wants it once, and ticks the item when all got it", async () => {
    const { run } = setup([
      { slack_webhook_env: "FF_SLACK_SUPPORT", events: ["announced"] },
      { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["changed", "announced"] },
    ]);
    expect((await run("non-production")).code).toBe(0);
    expect((await run("production-actors")).code).toBe(0);
    expect(announcements()).toEqual([]);

    const prepared = await run("prepare");
    expect(prepared.code, prepared.stderr).toBe(0);
    const told = announcements();
    expect(told.map((r) => r.path.split("/")[1]).sort()).toEqual(["services", "team"]);
    const slack = (told.find((r) => r.path.startsWith("/services/"))!.body as { text: string })
      .text;
    expect(slack).toContain(
      `\`${FLAG}\`: prepare is done: the production rollout is about to start`,
    );
    expect(slack).toContain("production steps: 10%, 50%, then everyone, at least 15 minutes apart");
    expect(slack).toMatch(/on for everyone around \d{4}-\d\d-\d\d \d\d:\d\d UTC at the earliest/);
    const hook = told.find((r) => r.path.startsWith("/team/"))!.body;
    expect(hook).toMatchObject({
      event: "announced",
      phase: "prepare",
      flag: FLAG,
      production: false,
    });
    expect(box()).toBe("- [x]");
    const json = JSON.parse(prepared.stdout).result as { notifications: unknown[] };
    expect(json.notifications).toEqual([
      { destination: "FF_SLACK_SUPPORT", kind: "slack", event: "announced", delivered: true },
      { destination: "FF_WEBHOOK_TEAM", kind: "webhook", event: "announced", delivered: true },
    ]);

    // A later prepare has nothing to record: it tells nobody again.
    expect((await run("prepare")).code).toBe(0);
    expect(announcements()).toHaveLength(2);
    const posted = JSON.stringify(sb.requests().map((e) => [e.path, e.query, e.body]));
    expect(posted).not.toContain("supportsecret42");
    expect(posted).not.toContain("teamsecret42");
  }, 60_000);

  it("leaves the item to a person when one destination did not get it", async () => {
    hooks.answer("/team/", 500);
    const { run } = setup([
      { slack_webhook_env: "FF_SLACK_SUPPORT", events: ["announced"] },
      { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["announced"] },
    ]);
    expect((await run("non-production")).code).toBe(0);
    expect((await run("production-actors")).code).toBe(0);
    const prepared = await run("prepare");
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(`${prepared.stdout}${prepared.stderr}`).toContain(
      "Notification to FF_WEBHOOK_TEAM (webhook) failed: the receiver answered 500",
    );
    expect(box()).toBe("- [ ]");
  }, 60_000);

  it("without a destination for the announcement, the item is a person's and prepare waits for it", async () => {
    const { run } = setup([{ webhook_url_env: "FF_WEBHOOK_TEAM", events: ["changed"] }]);
    expect((await run("non-production")).code).toBe(0);
    expect((await run("production-actors")).code).toBe(0);
    const refused = await run("prepare");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("these preparation items are for a person and still open");
    expect(refused.stderr).toContain(SUPPORT_ITEM);
    expect(announcements()).toEqual([]);
  }, 60_000);
});
