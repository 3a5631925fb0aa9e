// What the receivers get: Slack text in which no value can mention, ping or link, and the JSON
// body with its schema version.

import { describe, expect, it } from "vitest";
import { slackEscape, slackText, WEBHOOK_SCHEMA, webhookBody } from "../../../src/notify/render.js";
import type { NotifyEvent } from "../../../src/notify/types.js";

const EVENT: NotifyEvent = {
  event: "changed",
  phase: "rollout",
  flag: "my_flag",
  production: true,
  details: ["production: off -> 25% of actors <!here>"],
  reason: "because <@U999> said <https://x.example|so> && more",
  rolloutIssueUrl: "https://gitlab.example.com/g/p/-/issues/1?a=|b>",
  jobUrl: "https://gitlab.example.com/g/p/-/jobs/5",
  user: "<!subteam^S1>",
  at: "2026-12-02T10:00:00.000Z",
};

describe("notification bodies", () => {
  it("escapes exactly Slack's three characters", () => {
    expect(slackEscape("a & b < c > d | e")).toBe("a &amp; b &lt; c &gt; d | e");
  });

  it("leaves Slack no control sequence but its own two links", () => {
    const text = slackText(EVENT);
    const sequences = text.match(/<[^>]*>/g) ?? [];
    expect(sequences).toEqual([
      "<https://gitlab.example.com/g/p/-/issues/1?a=%7Cb&gt;|rollout issue>",
      "<https://gitlab.example.com/g/p/-/jobs/5|job>",
    ]);
    expect(text).toContain("rollout changed on production");
    expect(text).toContain("&lt;!here&gt;");
    expect(text).toContain("by &lt;!subteam^S1&gt;");
  });

  it("sends the JSON webhook every field under a schema version", () => {
    expect(webhookBody({ ...EVENT, reason: undefined, jobUrl: undefined })).toEqual({
      schema: WEBHOOK_SCHEMA,
      event: "changed",
      phase: "rollout",
      flag: "my_flag",
      production: true,
      details: EVENT.details,
      reason: null,
      rollout_issue: EVENT.rolloutIssueUrl,
      job_url: null,
      user: "<!subteam^S1>",
      at: EVENT.at,
    });
  });
});
