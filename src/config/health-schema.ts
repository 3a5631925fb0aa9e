// The configuration keys of the health gates and the incident check (`health:`, `incidents:`),
// kept apart from schema.ts. Both are off when absent. The Prometheus token, like every token, is
// read from the variable named here, never from the file.

import { z } from "zod";
import { defaultChecks } from "../health/defaults.js";
import type { HealthCheckSpec, HealthSettings, IncidentSettings } from "../health/types.js";
import { instanceUrl, tokenEnv } from "./fields.js";

export type { HealthCheckSpec, HealthSettings, IncidentSettings };

// RFC 9110 field names; values on one line (a line break would start a new header).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const threshold = (what: string) => z.number({ error: `must be a number: ${what}` }).optional();

const check = z
  .strictObject({
    name: z
      .string({ error: "must name the check, e.g. 5xx ratio" })
      .min(1, { error: "must not be empty" })
      .max(80, { error: "must be at most 80 characters (it appears in notes and logs)" }),
    query: z
      .string({ error: "must be a PromQL expression giving one number" })
      .min(1, { error: "must not be empty" }),
    max: threshold("the check is red above it"),
    min: threshold("the check is red below it"),
    max_increase: z
      .number({ error: "must be a fraction, e.g. 0.5 for 50 % above the window before the change" })
      .positive({ error: "must be above 0, e.g. 0.5 for 50 %" })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.max === undefined && value.min === undefined && value.max_increase === undefined) {
      ctx.addIssue({
        code: "custom",
        message: "needs a threshold: max, min or max_increase (any combination)",
      });
    }
    if (value.max !== undefined && value.min !== undefined && value.min > value.max) {
      ctx.addIssue({
        code: "custom",
        message: `has min ${value.min} above max ${value.max}: no value could be green`,
      });
    }
  });

const health = z
  .strictObject({
    prometheus: z.strictObject(
      {
        url: instanceUrl,
        token_env: tokenEnv.optional(),
        headers: z
          .record(
            z.string().regex(HEADER_NAME, { error: "must be an HTTP header name" }),
            z
              .string({ error: "must be the header's value as text" })
              .regex(/^[^\r\n]*$/, { error: "must be one line" }),
          )
          .default({})
          .superRefine((headers, ctx) => {
            for (const name of Object.keys(headers)) {
              if (name.toLowerCase() === "authorization") {
                ctx.addIssue({
                  code: "custom",
                  path: [name],
                  message:
                    "must not be set here (the file is not secret): put the token in a masked variable and name it in health.prometheus.token_env",
                });
              }
            }
          }),
      },
      {
        error:
          "must give the Prometheus-compatible query API: { url, token_env (optional), headers (optional) }",
      },
    ),
    interval_seconds: z
      .number({ error: "must be a number of seconds, e.g. 60" })
      .min(1, { error: "must be at least 1 second" })
      .max(3600, { error: "must be at most 3600 seconds (an hour)" })
      .default(60),
    /** Label matchers added to the default checks' selectors, e.g. env="gprd". */
    selector: z
      .string({ error: 'must be PromQL label matchers, e.g. env="gprd",stage="main"' })
      .regex(/^[^{}\n]*$/, { error: "must be the matchers alone, without { } or line breaks" })
      .optional(),
    checks: z
      .array(check, { error: "must be a list of { name, query, max | min | max_increase }" })
      .min(1, { error: "must list at least one check, or be left out for the defaults" })
      .optional(),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of (value.checks ?? []).entries()) {
      if (seen.has(c.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["checks", i, "name"],
          message: `"${c.name}" is used by an earlier check; give each check its own name`,
        });
      }
      seen.add(c.name);
    }
    if (value.checks && value.selector !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["selector"],
        message: "applies only to the default checks; write the matchers into your own queries",
      });
    }
  });

const incidents = z.strictObject(
  {
    project: z
      .string({ error: "must be the project whose issues are incidents, e.g. group/production" })
      .min(1, { error: "must not be empty" }),
    labels: z
      .array(
        z
          .string()
          .min(1)
          .regex(/^[^,]*$/, { error: "must not contain a comma" }),
      )
      .default(["incident"]),
    severities: z
      .array(
        z
          .string()
          .min(1)
          .regex(/^[^,]*$/, { error: "must not contain a comma" }),
      )
      .min(1, { error: "must list at least one severity label, e.g. severity::1" })
      .default(["severity::1", "severity::2"]),
  },
  {
    error: "must give the incident project on the issues instance: { project, labels, severities }",
  },
);

/** Merged into the main schema's object (schema.ts). */
export const healthKeys = {
  health: health.optional(),
  incidents: incidents.optional(),
};

type Parsed = {
  health?: z.output<typeof health>;
  incidents?: z.output<typeof incidents>;
};

export function healthSettings(parsed: Parsed): HealthSettings | undefined {
  const h = parsed.health;
  if (!h) return undefined;
  return {
    prometheus: {
      url: h.prometheus.url,
      tokenEnv: h.prometheus.token_env,
      headers: h.prometheus.headers,
    },
    intervalSeconds: h.interval_seconds,
    checks: h.checks
      ? h.checks.map((c) => ({
          name: c.name,
          query: c.query,
          ...(c.max === undefined ? {} : { max: c.max }),
          ...(c.min === undefined ? {} : { min: c.min }),
          ...(c.max_increase === undefined ? {} : { maxIncrease: c.max_increase }),
        }))
      : defaultChecks(h.selector),
    defaults: h.checks === undefined,
  };
}

export function incidentSettings(parsed: Parsed): IncidentSettings | undefined {
  const i = parsed.incidents;
  return i && { project: i.project, labels: i.labels, severities: i.severities };
}
