// The shape of a /__sandbox control route and what its handler is given. Its own module so that
// the route table (control.ts) and the routes kept in their own files share it without importing
// each other.

import type { SandboxClock } from "../clock.js";
import type { Faults } from "../faults.js";
import type { Params, SandboxResponse } from "../http.js";
import type { RequestLog } from "../log.js";
import type { PathParams } from "../router.js";
import type { InstanceState } from "../state.js";

export interface ControlDeps {
  faults: Faults;
  log: RequestLog;
  clock: SandboxClock;
  states: ReadonlyMap<string, InstanceState>;
  instanceUrl: (name: string) => string;
}

export interface ControlRoute {
  method: "GET" | "POST" | "DELETE";
  pattern: string;
  handler: (deps: ControlDeps, params: PathParams, body: Params) => SandboxResponse;
}
