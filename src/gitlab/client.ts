// One GitLab client per instance: gitbeaker resources over our transport. No module state: the
// CLI builds clients from the config, tests build them against a local sandbox.

import { createRequesterFn } from "@gitbeaker/requester-utils";
import { IssueNotes, Issues, Projects } from "@gitbeaker/rest";
import type { Logger } from "../report/logger.js";
import { Pacer } from "./pacer.js";
import type { RetryPolicy } from "./retry.js";
import { ServerClock } from "./server-clock.js";
import { createRequestHandler, type HandlerResponse } from "./transport.js";

export interface ClientTarget {
  /** Environment name, or "issues" for the home instance. */
  name: string;
  url: string;
  tokenEnv: string;
  token: string;
}

export interface ClientOptions {
  logger: Logger;
  timeoutMs: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** The raw requester, for endpoints gitbeaker has no class for (/features). */
export interface RawRequester {
  get(
    endpoint: string,
    options?: { searchParams?: Record<string, unknown> },
  ): Promise<HandlerResponse>;
  post(endpoint: string, options?: { body?: Record<string, unknown> }): Promise<HandlerResponse>;
  put(endpoint: string, options?: { body?: Record<string, unknown> }): Promise<HandlerResponse>;
  delete(endpoint: string, options?: Record<string, unknown>): Promise<HandlerResponse>;
}

export class GitLabClient {
  readonly name: string;
  readonly url: string;
  readonly serverClock = new ServerClock();
  readonly pacer: Pacer;
  readonly issues: InstanceType<typeof Issues<false>>;
  readonly issueNotes: InstanceType<typeof IssueNotes<false>>;
  readonly projects: InstanceType<typeof Projects<false>>;
  readonly requester: RawRequester;
  private readonly common: Record<string, unknown>;
  private readonly handler: ReturnType<typeof createRequestHandler>;
  private readonly token: string;
  private readonly resources = new Map<unknown, unknown>();

  constructor(target: ClientTarget, options: ClientOptions) {
    this.name = target.name;
    this.url = target.url;
    // Real waits, always: the pacer waits on real time (a window's end), unlike retry delays,
    // which tests may skip.
    this.pacer = new Pacer(this.serverClock, (ms) => new Promise((r) => setTimeout(r, ms)));
    const handler = createRequestHandler({
      instance: target.name,
      instanceUrl: target.url,
      tokenEnv: target.tokenEnv,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      logger: options.logger,
      sleep: options.sleep,
      onServerDate: (date) => this.serverClock.observe(date),
      pacer: this.pacer,
    });
    this.handler = handler;
    this.token = target.token;
    const requesterFn = createRequesterFn(
      (_, requestOptions) => Promise.resolve(requestOptions),
      handler,
    );
    // queryTimeout 0: gitbeaker would otherwise abort the whole call, retries included; our
    // transport times out each attempt instead. rateLimits {}: no hidden client-side throttle
    // (gitbeaker's default queues at 3,000 requests a minute); pacing is ours to decide.
    const common = {
      host: target.url,
      token: target.token,
      requesterFn,
      queryTimeout: 0,
      rateLimits: {},
    } as const;
    this.common = common;
    this.issues = new Issues(common);
    this.issueNotes = new IssueNotes(common);
    this.projects = new Projects(common);
    this.requester = this.issues.requester as unknown as RawRequester;
  }

  /**
   * POST /api/graphql with a JSON body (src/gitlab/graphql.ts builds it): outside /api/v4, and
   * not through gitbeaker's requester, which would decamelize the variables' names.
   */
  graphql(body: string): Promise<HandlerResponse> {
    return this.handler("graphql", {
      method: "POST",
      prefixUrl: `${this.url.replace(/\/+$/, "")}/api/`,
      headers: { "private-token": this.token, "content-type": "application/json" },
      body,
    });
  }

  /** A gitbeaker resource over this client's transport, made once. */
  // biome-ignore lint/suspicious/noExplicitAny: gitbeaker resource constructors take their own option types
  resource<T>(Resource: new (options: any) => T): T {
    let made = this.resources.get(Resource) as T | undefined;
    if (!made) {
      made = new Resource(this.common);
      this.resources.set(Resource, made);
    }
    return made;
  }
}
