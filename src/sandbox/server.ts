// startSandbox: one loopback HTTP server (node:http, no framework) serving several GitLab
// instances by path prefix, like GitLabs with a relative URL root:
// http://127.0.0.1:PORT/dev/api/v4/..., http://127.0.0.1:PORT/production/api/v4/...

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type ClockOptions, createClock, type SandboxClock } from "./clock.js";
import { type FaultController, Faults } from "./faults.js";
import { RequestLog, type RequestLogEntry } from "./log.js";
import { createRequestHandler } from "./request-handler.js";
import { Router } from "./router.js";
import { controlRoutes } from "./routes/control.js";
import type { ControlDeps } from "./routes/control-route.js";
import { apiRoutes } from "./routes/index.js";
import { loadSeed, type ParsedSeed, type SandboxSeed } from "./seed.js";
import { buildInstanceState } from "./seed-state.js";
import type { InstanceState } from "./state.js";

export interface SandboxOptions {
  /** A seed object, or the path of a YAML or JSON seed file. */
  seed: SandboxSeed | string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  /** http://127.0.0.1:PORT/<name>: what a client uses as the GitLab host. */
  instanceUrl(name: string): string;
  instances: string[];
  /** Every API request, in order (live; emptied in place by clearLog). */
  log: RequestLogEntry[];
  clearLog(): void;
  faults: FaultController;
  clock: SandboxClock;
  /** Live state, for assertions and for setting a scene. Throws for an unknown instance. */
  state(instance: string): InstanceState;
  close(): Promise<void>;
}

/**
 * Seeds hold links to their own instances (a definition's introduced_by_url, a rollout issue's
 * [main-issue] link), but the port is chosen at start: `{{instance_url:NAME}}` in any seed string
 * becomes that instance's URL.
 */
export function expandInstanceUrls<T>(seed: T, instanceUrl: (name: string) => string): T {
  const expand = (value: unknown): unknown => {
    if (typeof value === "string") {
      return value.replace(/\{\{instance_url:([a-z0-9_.-]+)\}\}/g, (_m, name: string) =>
        instanceUrl(name),
      );
    }
    if (Array.isArray(value)) return value.map(expand);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
    }
    return value;
  };
  return expand(seed) as T;
}

function clockOptions(clock: ParsedSeed["clock"]): ClockOptions {
  if (clock === undefined) return {};
  if (typeof clock === "string") return { start: clock };
  return {
    ...(clock.now === undefined ? {} : { start: clock.now }),
    ...(clock.running === undefined ? {} : { running: clock.running }),
  };
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const parsed = loadSeed(options.seed);
  const clock = createClock(clockOptions(parsed.clock));
  // Filled once the port is known: seeds may name instance URLs (see expandInstanceUrls).
  const states = new Map<string, InstanceState>();
  const log = new RequestLog();
  const faults = new Faults(clock);
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";
  const instanceUrl = (name: string) => `${baseUrl}/${name}`;
  const control: ControlDeps = { faults, log, clock, states, instanceUrl };

  const handler = createRequestHandler({
    clock,
    log,
    faults,
    states,
    apiRouter: new Router(apiRoutes),
    controlRouter: new Router(controlRoutes),
    control,
    baseUrl: () => baseUrl,
  });
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  // The Date header comes from the sandbox clock, not from Node's.
  server.on("request", (_req, res) => {
    res.sendDate = false;
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const seed = expandInstanceUrls(parsed, instanceUrl);
  for (const [name, instance] of Object.entries(seed.instances)) {
    states.set(name, buildInstanceState(name, instance, clock));
  }

  return {
    url: baseUrl,
    instanceUrl,
    instances: [...states.keys()],
    log: log.entries,
    clearLog: () => log.clear(),
    faults,
    clock,
    state(instance) {
      const state = states.get(instance);
      if (!state)
        throw new Error(
          `No sandbox instance "${instance}" (have: ${[...states.keys()].join(", ")})`,
        );
      return state;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
