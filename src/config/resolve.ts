// The validated keys turned into the Config the program uses: issue references parsed, the
// environments resolved, each section in its typed form. Problems found here (an issue
// reference that does not parse, a required change issue missing) join the others.

import type { ConfigProblem } from "../errors.js";
import { flagEnvironments } from "./environments.js";
import { healthSettings, incidentSettings } from "./health-schema.js";
import { parseIssueRef } from "./issue-ref.js";
import { notifySettings } from "./notify-schema.js";
import { releaseSettings } from "./release-schema.js";
import type { ParsedConfig } from "./schema.js";
import { mayQuote } from "./secrets.js";
import type { Config } from "./types.js";

/** `path` is the config file's, kept in the Config for messages. */
export function resolveConfig(
  parsed: ParsedConfig,
  path: string,
  problems: ConfigProblem[],
): Config {
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
  const feature = optionalIssue(parsed, "feature_issue", problems);
  const change = optionalIssue(parsed, "change_issue", problems);
  if (parsed.change_issue_required && !change) {
    problems.push({
      path: "change_issue",
      message:
        "is required when change_issue_required is true: give the change-management issue's URL or group/project#N",
    });
  }
  const environments = flagEnvironments(parsed, problems);
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
    autoAdvance: parsed.auto_advance,
    finishBySchedule: parsed.finish_by_schedule,
    flags: Object.fromEntries(
      Object.entries(parsed.flags).map(([name, f]) => [
        name,
        { staleAfterDays: f.stale_after_days, environments: f.environments },
      ]),
    ),
  };
}

/** The issue an optional key names, if it names one; one that does not parse is a problem. */
function optionalIssue(
  parsed: ParsedConfig,
  key: "feature_issue" | "change_issue",
  problems: ConfigProblem[],
): Config["featureIssue"] {
  const value = parsed[key];
  if (!value) return undefined;
  const ref = parseIssueRef(value, parsed.issues.url);
  if (!("error" in ref)) return ref;
  problems.push({ path: key, message: `${described(key, value)}${ref.error}` });
  return undefined;
}

/** The value and a space, to start a message, unless it must not be quoted. */
function described(path: string, value: unknown): string {
  return mayQuote(path, value) ? `${JSON.stringify(value)} ` : "the value ";
}
