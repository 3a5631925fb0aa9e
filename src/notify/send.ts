// Delivers one event to every destination that wants it. A delivery that fails (no variable, a
// refused or slow receiver) is reported and never thrown: a notification must not fail a phase
// whose change is already made. The URLs are read here, from their variables, and their secret
// part goes to the redactor before the first request, so no error can print them.

import { IncomingWebhook } from "@slack/webhook";
import { urlSecretParts } from "../config/secrets.js";
import type { Redactor } from "../report/redact.js";
import { slackText, webhookBody } from "./render.js";
import type { Delivery, NotifyDestination, NotifyEvent } from "./types.js";

export interface SendOptions {
  env: Record<string, string | undefined>;
  redactor: Redactor;
  timeoutMs: number;
}

export function wants(d: NotifyDestination, e: NotifyEvent): boolean {
  return d.events.includes(e.event) && (d.phases === undefined || d.phases.includes(e.phase));
}

export async function deliver(
  destinations: readonly NotifyDestination[],
  event: NotifyEvent,
  options: SendOptions,
): Promise<Delivery[]> {
  const chosen = destinations.filter((d) => wants(d, event));
  for (const d of chosen) {
    const url = options.env[d.urlEnv]?.trim();
    if (url) for (const part of urlSecretParts(url)) options.redactor.add(part);
  }
  // In parallel: a slow receiver must not hold back the others.
  return Promise.all(chosen.map((d) => deliverOne(d, event, options)));
}

async function deliverOne(
  d: NotifyDestination,
  event: NotifyEvent,
  options: SendOptions,
): Promise<Delivery> {
  const base = { destination: d.urlEnv, kind: d.kind, event: event.event } as const;
  const url = options.env[d.urlEnv]?.trim();
  if (!url) {
    return { ...base, delivered: false, error: `variable ${d.urlEnv} is not set or empty` };
  }
  if (!/^https?:\/\//i.test(url)) {
    return {
      ...base,
      delivered: false,
      error: `variable ${d.urlEnv} does not hold an http(s) URL`,
    };
  }
  try {
    if (d.kind === "slack") {
      // No retries: the run reports a failure and moves on; a second post could duplicate it.
      await new IncomingWebhook(url, { timeout: options.timeoutMs }).send({
        text: slackText(event),
        unfurl_links: false,
        unfurl_media: false,
      });
    } else {
      await postJson(url, webhookBody(event), options.timeoutMs);
    }
    return { ...base, delivered: true };
  } catch (error) {
    return { ...base, delivered: false, error: options.redactor.redact(describe(error)) };
  }
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "ff-rollout" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    // A redirect would resend the body to wherever the receiver says.
    redirect: "error",
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the receiver answered ${response.status}`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  if (error.name === "TimeoutError" || /aborted|timeout/i.test(error.message + cause))
    return "no answer in time (timed out)";
  // Slack's HTTP error carries the status; its message never includes the URL, but the
  // redactor masks it anyway if a library ever adds it.
  const status = (error as { statusCode?: number }).statusCode;
  return status ? `the receiver answered ${status}` : `${error.message}${cause}`;
}
