// The two bodies a notification is sent as. Slack's mrkdwn acts on `<!channel>`, `<!here>`,
// `<@U123>` and `<url|text>`: every interpolated value has &, < and > escaped (Slack's own rule
// for text in messages), so a flag reason cannot ping a channel or forge a link. The JSON body is
// data, versioned by `schema` so receivers can rely on its shape.

import type { NotifyEvent } from "./types.js";

/** Version of the generic webhook's JSON body; bumped on any incompatible change. */
export const WEBHOOK_SCHEMA = "ff-rollout.notification/v1";

/** Slack's escaping for message text (docs: "Escaping text"): only these three. */
export function slackEscape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const HEADLINE: Record<NotifyEvent["event"], string> = {
  changed: "changed",
  refused: "refused",
  breached: "health check breached",
  "rolled-back": "rolled back",
  announced: "is done: the production rollout is about to start",
};

export function slackText(e: NotifyEvent): string {
  const s = slackEscape;
  // The link's URL is escaped too: it comes from the config, and `|` or `>` in it would end it.
  const issue = `<${s(e.rolloutIssueUrl).replace(/\|/g, "%7C")}|rollout issue>`;
  const lines = [
    `*ff-rollout* \`${s(e.flag)}\`: ${s(e.phase)} ${HEADLINE[e.event]}${e.production ? " on production" : ""} (${issue})`,
    ...e.details.map((d) => `• ${s(d)}`),
  ];
  if (e.reason) lines.push(`Reason: ${s(e.reason)}`);
  const by = [
    e.user && `by ${s(e.user)}`,
    e.jobUrl && `<${s(e.jobUrl).replace(/\|/g, "%7C")}|job>`,
  ];
  if (by.some(Boolean)) lines.push(by.filter(Boolean).join(", "));
  return lines.join("\n");
}

export function webhookBody(e: NotifyEvent): Record<string, unknown> {
  return {
    schema: WEBHOOK_SCHEMA,
    event: e.event,
    phase: e.phase,
    flag: e.flag,
    production: e.production,
    details: e.details,
    reason: e.reason ?? null,
    rollout_issue: e.rolloutIssueUrl,
    job_url: e.jobUrl ?? null,
    user: e.user ?? null,
    at: e.at,
  };
}
