// Turns the config file, FF_ROLLOUT_* variables and CLI flags into one validated Config, or a
// ConfigError listing every problem found (path, value, fix). Parsed once, at the edge: nothing
// else in the program reads the file or the environment.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { ChatopsInstance } from "../engine/facts.js";
import { CHATOPS_INSTANCES } from "../engine/facts.js";
import { ConfigError, type ConfigProblem } from "../errors.js";
import { findUpwards } from "./find.js";
import { healthSettings, incidentSettings } from "./health-schema.js";
import { parseIssueRef } from "./issue-ref.js";
import { notifySettings } from "./notify-schema.js";
import { overridesFromEnv } from "./overrides.js";
import { actorWithoutActors, perFlagKeys } from "./per-flag.js";
import { releaseSettings } from "./release-schema.js";
import { configSchema, type ParsedConfig } from "./schema.js";
import { mayQuote, quoted, Secrets } from "./secrets.js";
import type { Config, Environment } from "./types.js";

export const DEFAULT_CONFIG_PATH = ".gitlab/ff-rollout.yml";

/** The key of the Prometheus token in Loaded.tokens (environment keys cannot contain ":"). */
export const PROMETHEUS_TOKEN = "health:prometheus";

export interface LoadOptions {
  /** --config; else FF_ROLLOUT_CONFIG; else DEFAULT_CONFIG_PATH, here or in a folder above. */
  path?: string;
  /** Overrides from CLI flags, by config key (they win over the environment). */
  cli?: Record<string, unknown>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** `readiness --all` finds its flags in rollout issues; every other command needs one. */
  flagOptional?: boolean;
}

export interface Loaded {
  config: Config;
  /** Token per environment name, plus "issues". Kept apart from Config so no report can carry it. */
  tokens: Map<string, string>;
  /** Every secret read (the tokens among them): wiring registers them all with the redactor. */
  secrets: Secrets;
}

const MAX_ALIASES = 50;

export function loadConfig(options: LoadOptions): Loaded {
  const problems: ConfigProblem[] = [];
  const named = options.path ?? nonEmpty(options.env.FF_ROLLOUT_CONFIG);
  // A named file is where it is said to be; the default one is looked for upwards.
  const found = named === undefined ? findUpwards(options.cwd, DEFAULT_CONFIG_PATH) : undefined;
  const chosen = named ?? found?.shown ?? DEFAULT_CONFIG_PATH;
  const path = found?.path ?? resolve(options.cwd, chosen);
  const fromFile = readConfigFile(path, chosen, named === undefined);
  const overrides = { ...overridesFromEnv(options.env, problems), ...options.cli };
  const flag = overrides.flag ?? fromFile.flag;
  const fromFlag = { ...fromFile, ...perFlagKeys(fromFile, flag) };
  problems.push(...actorWithoutActors(fromFlag.actor, overrides, flag));
  const merged = { ...fromFlag, ...overrides };

  const result = configSchema.safeParse(merged, { reportInput: true });
  if (!result.success) problems.push(...result.error.issues.map(toProblem));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);

  if (!options.flagOptional) {
    if (result.data.flag === undefined) {
      problems.push({
        path: "flag",
        message: "is required: the feature flag's name, e.g. my_new_feature",
      });
    }
    if (result.data.rollout_issue === undefined) {
      problems.push({
        path: "rollout_issue",
        message:
          "is required: the rollout issue, as its URL or as group/project#42 on the issues instance",
      });
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }
  const config = resolveConfig(result.data, path, problems);
  const secrets = new Secrets();
  const tokens = readTokens(config, options.env, problems, secrets);
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, tokens, secrets };
}

function readConfigFile(path: string, shown: string, searched: boolean): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        path: shown,
        message:
          code === "ENOENT"
            ? `config file not found${searched ? " here or in a folder above, up to the repository's root" : ""}; create it (see the README's configuration section) or pass --config PATH`
            : `cannot read the config file (${code ?? "unknown error"})`,
      },
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          path: `${shown}:${pos.line}:${pos.col}`,
          message: `invalid YAML: ${e.message.split("\n")[0]}`,
        };
      }),
    );
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    throw new ConfigError([
      { path: shown, message: "must be a YAML mapping of keys (flag:, environments:, ...)" },
    ]);
  }
  try {
    // An alias expands to a copy of what it names; aliases of aliases multiply ("billion laughs").
    // A config needs a handful at most.
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new ConfigError([
        {
          path: shown,
          message: `uses YAML aliases (*name) that expand too much (more than ${MAX_ALIASES} copies); write the values out, or use fewer nested aliases`,
        },
      ]);
    }
    throw error;
  }
}

function toProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const where = path ? `${path}.` : "";
    return {
      path: issue.keys.map((k) => `${where}${k}`).join(", "),
      message: `unknown key; remove it or check its spelling (see the README's configuration reference)`,
    };
  }
  // A record's bad key: zod wraps the key's own message ("is not an environment name...").
  const message =
    issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  // The value is shown when it is the field's own (a string or number); a rule over a whole list
  // or section names its values in its message instead.
  const input = "input" in issue ? issue.input : undefined;
  const primitive = input === null || ["string", "number", "boolean"].includes(typeof input);
  // An error about a secret names the key, never the value (secrets.ts).
  const shown = primitive ? quoted(path, input) : "";
  return { path, message: `${message}${shown}` };
}

function resolveConfig(parsed: ParsedConfig, path: string, problems: ConfigProblem[]): Config {
  const issuesUrl = parsed.issues.url;
  const rollout =
    parsed.rollout_issue === undefined
      ? { project: "", iid: 0, webUrl: "" }
      : parseIssueRef(parsed.rollout_issue, issuesUrl);
  if ("error" in rollout) {
    problems.push({
      path: "rollout_issue",
      message: `${described("rollout_issue", parsed.rollout_issue)}${rollout.error}`,
    });
  }
  let feature: Config["featureIssue"];
  if (parsed.feature_issue) {
    const ref = parseIssueRef(parsed.feature_issue, issuesUrl);
    if ("error" in ref) {
      problems.push({
        path: "feature_issue",
        message: `${described("feature_issue", parsed.feature_issue)}${ref.error}`,
      });
    } else feature = ref;
  }
  let change: Config["changeIssue"];
  if (parsed.change_issue) {
    const ref = parseIssueRef(parsed.change_issue, issuesUrl);
    if ("error" in ref) {
      problems.push({
        path: "change_issue",
        message: `${described("change_issue", parsed.change_issue)}${ref.error}`,
      });
    } else change = ref;
  }
  if (parsed.change_issue_required && !change) {
    problems.push({
      path: "change_issue",
      message:
        "is required when change_issue_required is true: give the change-management issue's URL or group/project#N",
    });
  }
  const environments = forThisFlag(
    resolveEnvironments(parsed, problems),
    parsed.flags,
    parsed.flag,
    problems,
  );
  return {
    configPath: path,
    flag: parsed.flag ?? "",
    rolloutIssue: "error" in rollout ? { project: "", iid: 0, webUrl: "" } : rollout,
    featureIssue: feature,
    definitionProject: parsed.definition_project ?? ("error" in rollout ? "" : rollout.project),
    milestone: parsed.milestone,
    changeIssue: change,
    changeIssueRequired: parsed.change_issue_required,
    actor: parsed.actor,
    actors: parsed.actors,
    percentages: parsed.percentages,
    soakMinutes: parsed.soak_minutes,
    environments,
    issues: { url: issuesUrl, tokenEnv: parsed.issues.token_env },
    deployments: parsed.deployments && {
      project: parsed.deployments.project,
      nonProduction: parsed.deployments["non-production"],
      production: parsed.deployments.production,
    },
    release: releaseSettings(parsed),
    notes: { internal: parsed.notes.internal },
    trustedAuthors: parsed.trusted_authors,
    requestTimeoutMs: parsed.request_timeout_seconds * 1000,
    readiness: {
      label: parsed.readiness.label,
      project: parsed.readiness.project,
      group: parsed.readiness.group,
      tokenExpiryWarningDays: parsed.readiness.token_expiry_warning_days,
      staleAfterDays: parsed.readiness.stale_after_days,
      concurrency: parsed.readiness.concurrency,
    },
    health: healthSettings(parsed),
    incidents: incidentSettings(parsed),
    notify: notifySettings(parsed),
    flags: Object.fromEntries(
      Object.entries(parsed.flags).map(([name, f]) => [
        name,
        { staleAfterDays: f.stale_after_days, environments: f.environments },
      ]),
    ),
  };
}

function resolveEnvironments(parsed: ParsedConfig, problems: ConfigProblem[]): Environment[] {
  const seen = new Map<ChatopsInstance, string>();
  return Object.entries(parsed.environments).map(([name, env]) => {
    // The ChatOps flag (--dev, --staging, ...) an item names this environment by: explicit, or the
    // environment's own name when it is one, or "production" for the production tier.
    const chatops = (env.chatops ??
      ((CHATOPS_INSTANCES as readonly string[]).includes(name)
        ? name
        : env.tier === "production"
          ? "production"
          : undefined)) as ChatopsInstance | undefined;
    if (chatops) {
      const other = seen.get(chatops);
      if (other) {
        problems.push({
          path: `environments.${name}.chatops`,
          message: `"${chatops}" is already the ChatOps name of "${other}"; give each environment its own`,
        });
      }
      seen.set(chatops, name);
    }
    return { name, url: env.url, tokenEnv: env.token_env, tier: env.tier, chatops };
  });
}

/**
 * `flags.<flag>.environments` limits that flag to the named instances, for every command: the
 * phases, rollback, status and readiness see only those. Every name must be configured, and
 * production must be among them (the process ends there, and rollback acts there).
 */
function forThisFlag(
  environments: Environment[],
  flags: ParsedConfig["flags"],
  flag: string | undefined,
  problems: ConfigProblem[],
): Environment[] {
  const known = environments.map((e) => e.name);
  for (const [name, settings] of Object.entries(flags)) {
    for (const [i, env] of (settings.environments ?? []).entries()) {
      if (!known.includes(env)) {
        problems.push({
          path: `flags.${name}.environments.${i}`,
          message: `${JSON.stringify(env)} is not a configured environment; use one of: ${known.join(", ")}`,
        });
      }
    }
  }
  const only = flag === undefined ? undefined : flags[flag]?.environments;
  if (!only) return environments;
  const chosen = environments.filter((e) => only.includes(e.name));
  if (!chosen.some((e) => e.tier === "production")) {
    problems.push({
      path: `flags.${flag}.environments`,
      message: `must include an environment of tier production (${environments
        .filter((e) => e.tier === "production")
        .map((e) => e.name)
        .join(", ")}); the rollout and its rollback end there`,
    });
  }
  return chosen;
}

function readTokens(
  config: Config,
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
  secrets: Secrets,
): Map<string, string> {
  const tokens = new Map<string, string>();
  const wanted: [string, string, string][] = [
    ...config.environments.map(
      (e) => [e.name, e.tokenEnv, `environments.${e.name}.token_env`] as [string, string, string],
    ),
    ["issues", config.issues.tokenEnv, "issues.token_env"],
  ];
  // Prometheus's token is optional (health.prometheus.token_env may be left out), but once named
  // the variable must hold it: a gate that silently queried without it would fail as "unanswerable".
  const prometheusEnv = config.health?.prometheus.tokenEnv;
  if (prometheusEnv) wanted.push([PROMETHEUS_TOKEN, prometheusEnv, "health.prometheus.token_env"]);
  for (const [name, variable, path] of wanted) {
    const value = secrets.readSecret(env, variable);
    if (value === undefined) {
      const what =
        name === "issues"
          ? "the issues instance (a personal access token with api scope that can comment on the rollout issue)"
          : name === PROMETHEUS_TOKEN
            ? "the Prometheus-compatible query API (sent as a bearer token)"
            : `"${name}" (an administrator's personal access token with api scope)`;
      problems.push({
        path,
        message: `variable ${variable} is not set or empty; it must hold the token for ${what}. Add it as a masked CI/CD variable`,
      });
    } else if (/[\s\p{Cc}]/u.test(value.trim())) {
      // A pasted token that caught a line break (or two tokens): an HTTP header cannot carry it,
      // and the request would fail as a GitLab error. The value is never shown.
      problems.push({
        path,
        message: `variable ${variable} holds whitespace or a control character (a line break?) inside the token; set it to the token alone, on one line`,
      });
    } else {
      tokens.set(name, value);
    }
  }
  return tokens;
}

/** The value and a space, to start a message, unless it must not be quoted. */
function described(path: string, value: unknown): string {
  return mayQuote(path, value) ? `${JSON.stringify(value)} ` : "the value ";
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value.trim() : undefined;
}
