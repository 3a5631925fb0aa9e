// The tokens the config names, read from their variables (never from the file): one per
// environment, the issues instance's, and Prometheus's when health.prometheus.token_env names one.
// A missing or malformed one is a problem that names the variable, never the value.

import type { ConfigProblem } from "../errors.js";
import type { Secrets } from "./secrets.js";
import type { Config } from "./types.js";

/** The key of the Prometheus token in Loaded.tokens (environment keys cannot contain ":"). */
export const PROMETHEUS_TOKEN = "health:prometheus";

/** Token per environment name, plus "issues" (and PROMETHEUS_TOKEN); each one added to `secrets`. */
export function readTokens(
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
