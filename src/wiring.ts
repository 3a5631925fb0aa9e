// Builds the ports a command needs from the validated config and the tokens: one GitLab client
// per instance, the flag backends and the issue store. The only place that hands a token to code.

import { PROMETHEUS_TOKEN } from "./config/tokens.js";
import type { Config, Loaded, RunContext } from "./config.js";
import type { Ports } from "./engine/ports.js";
import { GitLabFeatures } from "./flags/gitlab-features.js";
import type { FlagBackend } from "./flags/types.js";
import { GitLabActors } from "./gitlab/actors.js";
import { GitLabClient } from "./gitlab/client.js";
import { GitLabIssueLifecycle } from "./gitlab/issue-lifecycle.js";
import { GitLabIssues } from "./gitlab/issues.js";
import { SharedProjectReads } from "./gitlab/projects.js";
import { GitLabReleaseChecks } from "./gitlab/release-checks.js";
import type { RetryPolicy } from "./gitlab/retry.js";
import { HealthChecker } from "./health/evaluate.js";
import { incidentFinder } from "./health/incidents.js";
import { PrometheusClient } from "./health/prometheus.js";
import type { Logger } from "./report/logger.js";

export interface WiringOptions {
  logger: Logger;
  context: RunContext;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

export interface Wired extends Ports {
  clients: Map<string, GitLabClient>;
  issuesClient: GitLabClient;
}

export function wire(loaded: Loaded, options: WiringOptions): Wired {
  const { config, tokens } = loaded;
  for (const secret of loaded.secrets.all()) options.logger.redactor.add(secret);
  const clientOptions = {
    logger: options.logger,
    timeoutMs: config.requestTimeoutMs,
    retry: options.retry,
    sleep: options.sleep,
  };
  const clients = new Map<string, GitLabClient>();
  const backends = new Map<string, FlagBackend>();
  for (const env of config.environments) {
    const client = new GitLabClient(
      { name: env.name, url: env.url, tokenEnv: env.tokenEnv, token: tokenOf(tokens, env.name) },
      clientOptions,
    );
    clients.set(env.name, client);
    backends.set(env.name, new GitLabFeatures(client));
  }
  const issuesClient = new GitLabClient(
    {
      name: "issues",
      url: config.issues.url,
      tokenEnv: config.issues.tokenEnv,
      token: tokenOf(tokens, "issues"),
    },
    clientOptions,
  );
  const issues = new GitLabIssues(issuesClient);
  // The release chain and a project actor read the same project when the issues instance is a
  // production instance with the same token (the usual setup): one read per run.
  const projectReads = new SharedProjectReads();
  const health = healthChecker(config, tokens.get(PROMETHEUS_TOKEN));
  return {
    config,
    clients,
    issuesClient,
    backends,
    issues,
    ...(health ? { health } : {}),
    ...(config.incidents ? { incidents: incidentFinder(issues, config.incidents) } : {}),
    lifecycle: new GitLabIssueLifecycle(issuesClient),
    release: new GitLabReleaseChecks(
      issuesClient,
      projectReads.for(issuesClient, tokenOf(tokens, "issues")),
    ),
    actors: (name) =>
      new GitLabActors(
        clientOf(clients, name),
        projectReads.for(clientOf(clients, name), tokenOf(tokens, name)),
      ),
    now: () => issuesClient.serverClock.now() ?? new Date(),
    logger: options.logger,
    context: options.context,
  };
}

/** max_increase compares with a window as long as the soak (at least 5 min) before the change. */
export function healthChecker(
  config: Config,
  token: string | undefined,
): HealthChecker | undefined {
  const health = config.health;
  if (!health) return undefined;
  const api = new PrometheusClient({
    url: health.prometheus.url,
    ...(token ? { token } : {}),
    headers: health.prometheus.headers,
    timeoutMs: config.requestTimeoutMs,
  });
  return new HealthChecker(api, health.checks, Math.max(config.soakMinutes, 5) * 60_000);
}

function clientOf(clients: Map<string, GitLabClient>, name: string): GitLabClient {
  const client = clients.get(name);
  if (!client) throw new Error(`no client for environment "${name}"`);
  return client;
}

function tokenOf(tokens: Map<string, string>, name: string): string {
  const token = tokens.get(name);
  if (token === undefined) throw new Error(`no token loaded for "${name}"`);
  return token;
}
