// The shape of .gitlab/ff-rollout.yml after file, FF_ROLLOUT_* variables and CLI flags are merged.
// Every message says what is wrong and how to fix it; the loader adds the path and the value.

import { z } from "zod";
import { CHATOPS_INSTANCES } from "../engine/facts.js";
import { ACTOR_TYPES } from "../flags/types.js";
import { advanceKeys, autoAdvanceProblems } from "./advance-schema.js";
import { instanceUrl, tokenEnv } from "./fields.js";
import { healthKeys } from "./health-schema.js";
import { notifyKeys } from "./notify-schema.js";
import { releaseKeys } from "./release-schema.js";

// GitLab's feature flag names: lowercase letters, digits and underscores (Feature::Definition).
export const FLAG_NAME = /^[a-z][a-z0-9_]*$/;
// GitLab usernames (Gitlab::PathRegex.namespace_format_regex): letters, digits, '_', '-' and '.',
// starting with a letter, digit or '_', not ending with '.'; at most 255 characters.
const USERNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,253}[A-Za-z0-9_-])?$/;
// Environment keys double as names in notes, CI logs and `--environment NAME`.
const ENV_KEY = /^[a-z0-9][a-z0-9_-]*$/;

const flagName = z
  .string({ error: "must be the feature flag's name, e.g. my_new_feature" })
  .regex(FLAG_NAME, {
    error:
      "must be a GitLab feature flag name: lowercase letters, digits and underscores, starting with a letter",
  });

const environment = z.strictObject({
  url: instanceUrl,
  token_env: tokenEnv,
  tier: z.enum(["non-production", "production"], {
    error: 'must be "non-production" or "production"',
  }),
  chatops: z
    .enum(CHATOPS_INSTANCES as [string, ...string[]], {
      error: `must be the ChatOps instance flag this environment answers to: ${CHATOPS_INSTANCES.join(", ")}`,
    })
    .optional(),
});

const percentages = z
  .array(
    z
      .number({ error: "must be a number between 0 and 100, e.g. 25" })
      .gt(0, { error: "must be above 0 (0% is a rollback: use the rollback phase)" })
      .lt(100, { error: "must be below 100 (100% is the global phase)" }),
    { error: "must be a list of percentages, e.g. [1, 10, 25, 50, 75]" },
  )
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      if (list[i]! <= list[i - 1]!) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `must be above the step before it (${list[i]} after ${list[i - 1]}); list the percentages in ascending order without repeats`,
        });
      }
    }
  });

const actorKind = z.enum([...ACTOR_TYPES, "none"], {
  error: `must be one of ${[...ACTOR_TYPES, "none"].join(", ")} (none: the flag is checked without an actor)`,
});

const actorList = z.array(z.string().min(1, { error: "must not be empty" }), {
  error: "must be a list of actor paths, e.g. [gitlab-org/gitlab]",
});

export const configSchema = z
  .strictObject({
    // Required by every command but `readiness --all`, which finds flags from rollout issues;
    // the loader checks that (load.ts).
    flag: flagName.optional(),
    rollout_issue: z
      .string({ error: "must be the rollout issue's URL or group/project#42" })
      .optional(),
    feature_issue: z.string().optional(),
    definition_project: z.string().optional(),
    /** The milestone the prepare phase sets on the rollout issue (by title). */
    milestone: z.string().min(1, { error: "must be a milestone title, e.g. 19.7" }).optional(),
    /** A change-management issue to link from the rollout issue (prepare). */
    change_issue: z.string().optional(),
    change_issue_required: z.boolean({ error: "must be true or false" }).default(false),
    actor: actorKind,
    actors: actorList.default([]),
    percentages: percentages.default([1, 10, 25, 50, 75]),
    soak_minutes: z
      .number({ error: "must be a number of minutes, e.g. 15" })
      .min(0, { error: "must not be negative" })
      .default(15),
    environments: z.record(
      z.string().regex(ENV_KEY, {
        error:
          "is not an environment name: use lowercase letters, digits, '_' and '-' (starting with a letter or digit)",
      }),
      environment,
      {
        // Only for a value that is not a mapping: a bad key keeps its own message.
        error: (issue) =>
          issue.code === "invalid_type"
            ? "must map environment names to { url, token_env, tier }"
            : undefined,
      },
    ),
    issues: z.strictObject(
      { url: instanceUrl, token_env: tokenEnv },
      { error: "must give the home instance of the rollout issue: { url, token_env }" },
    ),
    deployments: z
      .strictObject({
        project: z.string().trim().min(1, {
          error:
            "must be the project whose deployments show where the flag's merge request is deployed, e.g. gitlab-org/gitlab; remove deployments: to skip the deployment checks",
        }),
        "non-production": z.array(z.string()).default([]),
        production: z.array(z.string()).default([]),
      })
      .optional(),
    // changelog_trailer, close_feature_issue, cleanup_issue, release_check (release-schema.ts)
    ...releaseKeys,
    // health, incidents (health-schema.ts)
    ...healthKeys,
    // notify (notify-schema.ts)
    ...notifyKeys,
    // auto_advance (advance-schema.ts)
    ...advanceKeys,
    notes: z
      .strictObject({
        /** Post audit notes as internal notes (visible to project members only). */
        internal: z.boolean().default(false),
      })
      .default({ internal: false }),
    /**
     * Users besides the issues token's own whose audit markers count as history (another bot
     * that runs this tool on the same issue). Anyone else's markers are ignored and reported.
     */
    trusted_authors: z
      .array(
        z.string().regex(USERNAME, {
          error:
            "must be a GitLab username without the @ (letters, digits, '_', '-', '.'), e.g. release-bot",
        }),
        { error: "must be a list of GitLab usernames, e.g. [release-bot]" },
      )
      .default([]),
    request_timeout_seconds: z.number().positive().max(600).default(30),
    readiness: z
      .strictObject({
        /** The label of open rollout issues that `readiness --all` checks. */
        label: z.string().min(1).default("feature flag"),
        /** Where `readiness --all` looks for them: a project or a group (default: the project of issues.url's rollout issue). */
        project: z.string().optional(),
        group: z.string().optional(),
        token_expiry_warning_days: z.number().int().min(0).default(14),
        stale_after_days: z.number().int().min(1).default(30),
        concurrency: z.number().int().min(1).max(32).default(8),
      })
      .default({
        label: "feature flag",
        token_expiry_warning_days: 14,
        stale_after_days: 30,
        concurrency: 8,
      }),
    /** Per-flag settings over the shared ones, for a config that serves several flags. */
    flags: z
      .record(
        flagName,
        z.strictObject({
          stale_after_days: z.number().int().min(1).optional(),
          /** The environments this flag is rolled out on (default: all). */
          environments: z.array(z.string()).optional(),
          /** This flag's kind of actor and its actors, over the shared ones (per-flag.ts). */
          actor: actorKind.optional(),
          actors: actorList.optional(),
        }),
      )
      .default({}),
  })
  .superRefine((config, ctx) => {
    if (config.actor !== "none" && config.actors.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["actors"],
        message: `is required when actor is "${config.actor}": list the ${config.actor} paths to enable first, e.g. [gitlab-org/gitlab]`,
      });
    }
    if (config.actor === "none" && config.actors.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["actors"],
        message: 'must be empty when actor is "none"; set actor to the kind of actors listed',
      });
    }
    for (const [name, entry] of Object.entries(config.flags)) {
      // Its own kind of actor needs its own actors: the shared list is of the shared kind.
      if (entry.actor && entry.actor !== "none" && !entry.actors?.length) {
        ctx.addIssue({
          code: "custom",
          path: ["flags", name, "actors"],
          message: `is required with flags.${name}.actor "${entry.actor}": list this flag's ${entry.actor} paths here (a flag with its own kind of actor needs its own actors)`,
        });
      }
    }
    for (const issue of autoAdvanceProblems(config)) ctx.addIssue({ code: "custom", ...issue });
    const envs = Object.entries(config.environments);
    if (!envs.some(([, env]) => env.tier === "production")) {
      ctx.addIssue({
        code: "custom",
        path: ["environments"],
        message: "needs one environment with tier: production",
      });
    }
  });

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
