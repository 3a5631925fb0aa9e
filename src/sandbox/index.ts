// Public API of the local GitLab API sandbox.

export type { AuthInfo, AuthPolicy, ScopeRule } from "./auth.js";
export type { ClockOptions, SandboxClock } from "./clock.js";
export { createClock } from "./clock.js";
export type { ApiRoute, RouteContext } from "./context.js";
export { type DeployOptions, recordDeployment } from "./deploy.js";
export type { FaultController, FaultHookContext, FaultRule } from "./faults.js";
export type { Gates } from "./flipper.js";
export type { CommitRecord, NewCommit, Person, Repository, TagRecord } from "./git.js";
export { FILTERED, type RequestLogEntry, requestPath } from "./log.js";
export { MergeError, type MergeOptions } from "./merge.js";
export { extractQuickActions } from "./quick-actions.js";
export type {
  DeploymentRecord,
  EnvironmentRecord,
  IssueLinkRecord,
  MergeRequestRecord,
  RateLimitConfig,
} from "./records-more.js";
export { compilePattern } from "./router.js";
/** The seed as written (defaults optional); an alias of SandboxSeed. */
export type { SandboxSeed as SandboxSeedInput } from "./seed.js";
export { loadSeed, parseSeed, type SandboxSeed, SandboxSeedSchema, SeedError } from "./seed.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./server.js";
export type {
  InstanceState,
  IssueRecord,
  MilestoneRecord,
  NoteRecord,
  ProjectRecord,
  TokenRecord,
  UserRecord,
} from "./state.js";
