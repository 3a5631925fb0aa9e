// What a phase run reaches the outside world through: the config, one flag backend per instance,
// the issues, the release port, the clock and the logger. Its own module so that run-phase and
// the modules it calls (gather, record, apply) all stand on it without importing each other.

import type { Config, RunContext } from "../config.js";
import type { ActorResolver, FlagBackend } from "../flags/types.js";
import type { IssueLifecycle } from "../gitlab/issue-lifecycle.js";
import type { IssueStore } from "../gitlab/issues.js";
import type { HealthChecker } from "../health/evaluate.js";
import type { IncidentFinder } from "../health/incidents.js";
import type { Logger } from "../report/logger.js";
import type { ReleasePort } from "./release-port.js";

export interface Ports {
  config: Config;
  backends: Map<string, FlagBackend>;
  /** Resolves actor paths to the ids the Features API reports, on one instance. */
  actors: (environment: string) => ActorResolver;
  issues: IssueStore;
  /** Closing and creating issues (cleanup). */
  lifecycle: IssueLifecycle;
  release: ReleasePort;
  /** GitLab's clock on the issues instance when known, else the runner's. */
  now: () => Date;
  logger: Logger;
  context: RunContext;
  /** The health checks (config `health:`); absent when not configured. */
  health?: HealthChecker;
  /** The incident check (config `incidents:`); absent when not configured. */
  incidents?: IncidentFinder;
}
