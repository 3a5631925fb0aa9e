// The `notify:` key: where notifications go and which events each destination wants. A
// destination names the variable holding its webhook URL (the URL is a secret: whoever holds it
// can post to the channel), never the URL itself.

import { z } from "zod";
import { PHASE_NAMES } from "../engine/phase-names.js";
import { NOTIFY_EVENTS, type NotifyDestination } from "../notify/types.js";

// `watch` is not a phase but its breach and automatic rollback are notified as its own.
const PHASES = [...PHASE_NAMES, "watch"] as const;

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const variableName = (what: string) =>
  z
    .string({
      error: `must name the CI/CD variable holding the ${what} URL, e.g. FF_SLACK_PRODUCTION`,
    })
    .regex(VARIABLE, {
      error: `must be a variable's name (letters, digits, "_"), not the URL itself: put the URL in a masked CI/CD variable and name it here`,
    });

const destination = z
  .strictObject(
    {
      slack_webhook_env: variableName("Slack incoming webhook").optional(),
      webhook_url_env: variableName("JSON webhook").optional(),
      events: z
        .array(z.enum(NOTIFY_EVENTS, { error: `must be one of ${NOTIFY_EVENTS.join(", ")}` }), {
          error: `must be a list of events, e.g. [${NOTIFY_EVENTS.join(", ")}]`,
        })
        .min(1, { error: `must list at least one event: ${NOTIFY_EVENTS.join(", ")}` })
        .default([...NOTIFY_EVENTS]),
      phases: z
        .array(z.enum(PHASES, { error: `must be one of ${PHASES.join(", ")}` }), {
          error: "must be a list of phase names, e.g. [rollout, global, rollback]",
        })
        .min(1, { error: "must list at least one phase, or be left out for every phase" })
        .optional(),
    },
    {
      error:
        "must be { slack_webhook_env: VARIABLE } or { webhook_url_env: VARIABLE }, with events: and phases: optional",
    },
  )
  .superRefine((value, ctx) => {
    const kinds = [value.slack_webhook_env, value.webhook_url_env].filter((v) => v !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          kinds.length === 0
            ? "needs slack_webhook_env or webhook_url_env: the variable holding the destination's URL"
            : "has both slack_webhook_env and webhook_url_env; make them two entries of notify:",
      });
    }
  });

export const notifyKeys = {
  notify: z
    .array(destination, {
      error: "must be a list of destinations, e.g. [{ slack_webhook_env: FF_SLACK_PRODUCTION }]",
    })
    .default([]),
};

export function notifySettings(parsed: {
  notify: z.output<typeof destination>[];
}): NotifyDestination[] {
  return parsed.notify.map((d) => ({
    kind: d.slack_webhook_env !== undefined ? "slack" : "webhook",
    urlEnv: (d.slack_webhook_env ?? d.webhook_url_env)!,
    events: d.events,
    phases: d.phases,
  }));
}
