// A real Prometheus (Debian's `prometheus` package) for integration tests: started on a free
// loopback port with a temporary storage folder and a one-second scrape interval, optionally
// backfilled first with promtool from OpenMetrics text. Every wait is bounded polling, so a
// loaded machine makes tests slower, never wrong.

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export interface TestPrometheus {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Polls an instant query until `accept` says yes (or fails after `timeoutMs`). */
  waitFor(
    query: string,
    accept: (values: number[]) => boolean,
    timeoutMs?: number,
  ): Promise<number[]>;
  /** An instant query's values, at `at` (default: Prometheus's now). */
  values(query: string, at?: Date): Promise<number[]>;
  /** Each scrape target's health, last error and last scrape, for a failure's message. */
  targets(): Promise<string>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** host:port scrape targets (job "gitlab-workhorse"). */
  targets?: string[];
  /** OpenMetrics text to backfill before start (promtool tsdb create-blocks-from openmetrics). */
  backfill?: string;
}

const run = promisify(execFile);

export async function startPrometheus(options: PrometheusOptions = {}): Promise<TestPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-prometheus-"));
  const data = join(dir, "data");
  if (options.backfill !== undefined) {
    const file = join(dir, "backfill.om");
    writeFileSync(file, options.backfill);
    await run("promtool", ["tsdb", "create-blocks-from", "openmetrics", file, data]);
  }
  const config = [
    "global:",
    "  scrape_interval: 1s",
    "  scrape_timeout: 1s",
    "scrape_configs:",
    "  - job_name: gitlab-workhorse",
    "    static_configs:",
    `      - targets: [${(options.targets ?? []).map((t) => JSON.stringify(t)).join(", ")}]`,
    "",
  ].join("\n");
  writeFileSync(join(dir, "prometheus.yml"), config);
  // A port found free may be taken before Prometheus binds it: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      "prometheus",
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let log = "";
    child.once("error", (error) => {
      log = `${error.message}: install Debian's prometheus package (apt-get install prometheus), as .ci/run does`;
    });
    child.stderr?.on("data", (d) => {
      log = (log + d).slice(-4000);
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await untilReady(url, child, join(dir, "prometheus.yml"), () => log);
      return handle(url, child, dir);
    } catch (error) {
      lastError = error;
      child.kill("SIGKILL");
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

function handle(url: string, child: ChildProcess, dir: string): TestPrometheus {
  const values = async (query: string, at?: Date) => {
    const params = new URLSearchParams({ query });
    if (at) params.set("time", (at.getTime() / 1000).toFixed(3));
    const response = await fetch(`${url}/api/v1/query?${params}`);
    const body = (await response.json()) as {
      data?: { result?: { value: [number, string] }[] };
    };
    return (body.data?.result ?? []).map((r) => Number(r.value[1]));
  };
  const targets = async () => {
    const response = await fetch(`${url}/api/v1/targets`);
    const body = (await response.json()) as {
      data?: {
        activeTargets?: {
          scrapeUrl: string;
          health: string;
          lastError: string;
          lastScrape: string;
          lastScrapeDuration: number;
        }[];
      };
    };
    return (body.data?.activeTargets ?? [])
      .map(
        (t) =>
          `${t.scrapeUrl} ${t.health} (last scrape ${t.lastScrape}, ${t.lastScrapeDuration.toFixed(3)} s${t.lastError ? `: ${t.lastError}` : ""})`,
      )
      .join("; ");
  };
  return {
    url,
    values,
    targets,
    async waitFor(query, accept, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let seen: number[] = [];
      while (Date.now() < deadline) {
        seen = await values(query);
        if (accept(seen)) return seen;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(
        `Prometheus: ${query} never gave an accepted value (last: ${JSON.stringify(seen)}; targets: ${await targets()})`,
      );
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function untilReady(
  url: string,
  child: ChildProcess,
  configFile: string,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.pid === undefined)
      throw new Error(`prometheus did not start (${child.exitCode ?? "no process"}): ${log()}`);
    try {
      // Ready, and ours: when another test's Prometheus took the port first, ours fails to bind
      // and exits, but the port answers; its flags name another config file.
      const response = await fetch(`${url}/api/v1/status/flags`);
      if (response.ok) {
        const flags = (await response.json()) as { data?: Record<string, string> };
        if (flags.data?.["config.file"] !== configFile)
          throw new Error(`another Prometheus answers on ${url}`);
        if ((await fetch(`${url}/-/ready`)).ok) return;
      }
    } catch (error) {
      if ((error as Error).message.startsWith("another")) throw error;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus was not ready within 60 s: ${log()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
