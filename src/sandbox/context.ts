// What an API route handler receives and what it is. One file per endpoint group in
// routes/, each exporting an array of ApiRoute; routes/index.ts lists them.

import type { AuthInfo, AuthPolicy } from "./auth.js";
import type { SandboxClock } from "./clock.js";
import type { Params, SandboxResponse } from "./http.js";
import type { PathParams } from "./router.js";
import type { InstanceState } from "./state.js";

export interface RouteContext {
  /** Instance name, e.g. "dev". */
  instance: string;
  state: InstanceState;
  clock: SandboxClock;
  method: string;
  /** Route params, decoded (`gitlab-org%2Fgitlab` -> `gitlab-org/gitlab`). */
  params: PathParams;
  /** Query and body params merged, the body winning, as Rack merges them. */
  input: Params;
  auth: AuthInfo;
  /** The URL as requested, for Link headers built "on the request's own URL". */
  requestUrl: URL;
  /** http://127.0.0.1:PORT/<instance>: the base of web_url fields. */
  instanceUrl: string;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path after /api/v4, with :params. */
  pattern: string;
  auth: AuthPolicy;
  handler: (ctx: RouteContext) => SandboxResponse;
}
