// Public API of the local GitLab API sandbox.

export type { AuthInfo, AuthPolicy, ScopeRule } from "./auth.js";
export type { ClockOptions, SandboxClock } from "./clock.js";
export { createClock } from "./clock.js";
export type { ApiRoute, RouteContext } from "./context.js";
export type { FaultController, FaultHookContext, FaultRule } from "./faults.js";
export type { Gates } from "./flipper.js";
export { FILTERED, type RequestLogEntry } from "./log.js";
export { extractQuickActions } from "./quick-actions.js";
export { compilePattern } from "./router.js";
/** The seed as written (defaults optional); an alias of SandboxSeed. */
export type { SandboxSeed as SandboxSeedInput } from "./seed.js";
export { loadSeed, parseSeed, type SandboxSeed, SandboxSeedSchema, SeedError } from "./seed.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./server.js";
export type {
  InstanceState,
  IssueRecord,
  NoteRecord,
  ProjectRecord,
  TokenRecord,
  UserRecord,
} from "./state.js";
