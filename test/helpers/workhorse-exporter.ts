// A stand-in for GitLab Workhorse's metrics endpoint: gitlab_workhorse_http_requests_total with
// Workhorse's labels (code, method, route), counting at rates the test sets. Counters grow with
// real time between scrapes, as a busy instance's would, so Prometheus's rate() sees exactly the
// error and redirect ratios the test chose. Also writes the same counters as OpenMetrics text with
// timestamps, for promtool to backfill a past the test controls.
//
// The endpoint runs in a worker thread, with an event loop of its own. The tests run the CLI and
// the sandbox in-process: on the test's own event loop, a scrape waits behind their work, and on a
// loaded machine that wait passes Prometheus's one-second scrape timeout, again and again. Scrapes
// failing for longer than a rate window leave no data, and a health gate then cannot judge.

import { Worker } from "node:worker_threads";

export interface Rates {
  /** Users' requests per second (health probes come on top, at 1 per second). */
  perSecond: number;
  /** Fraction answered 5xx. */
  errors: number;
  /** Fraction answered 302. */
  redirects: number;
}

const METRIC = "gitlab_workhorse_http_requests_total";
const SERIES = [
  {
    code: "200",
    route: "^/api/v4/",
    share: (r: Rates) => r.perSecond * (1 - r.errors - r.redirects),
  },
  { code: "302", route: "^/users/sign_in\\z", share: (r: Rates) => r.perSecond * r.redirects },
  { code: "500", route: "^/api/v4/", share: (r: Rates) => r.perSecond * r.errors },
  { code: "200", route: "^/-/health$", share: () => 1 },
] as const;

function labels(s: (typeof SERIES)[number]): string {
  // Label values escape backslashes and quotes in the exposition format.
  const route = s.route.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  return `{code="${s.code}",method="get",route="${route}"}`;
}

/** Each series' requests per second at `rates`, in SERIES order: what the worker counts with. */
function perSeries(rates: Rates): number[] {
  return SERIES.map((s) => s.share(rates));
}

export interface WorkhorseExporter {
  /** host:port, for a scrape target. */
  readonly target: string;
  /** From now on, count at `rates` (the counters up to now keep the old ones). */
  setRates(rates: Rates): void;
  /** Scrapes answered so far. */
  readonly scrapes: number;
  close(): Promise<void>;
}

// The worker: plain JavaScript (it is not compiled), one HTTP server, counters advanced on each
// scrape and on each change of rates, at the moment the test made it.
const WORKER = `
const { createServer } = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const { lines, scrapes } = workerData;
let perSecond = workerData.perSecond;
let counts = perSecond.map(() => 0);
let last = Date.now();
const advance = (to) => {
  const seconds = Math.max(0, to - last) / 1000;
  counts = counts.map((c, i) => c + perSecond[i] * seconds);
  last = Math.max(last, to);
};
const server = createServer((req, res) => {
  if (req.url !== "/metrics") {
    res.writeHead(404).end();
    return;
  }
  advance(Date.now());
  Atomics.add(scrapes, 0, 1);
  const body = [...lines.head, ...lines.series.map((l, i) => l + " " + counts[i].toFixed(3)), ""];
  res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(body.join("\\n"));
});
parentPort.on("message", (m) => {
  if (m.type === "rates") {
    advance(m.at);
    perSecond = m.perSecond;
  } else if (m.type === "close") {
    server.closeAllConnections();
    server.close(() => parentPort.close());
  }
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
`;

export async function startWorkhorseExporter(initial: Rates): Promise<WorkhorseExporter> {
  const scrapes = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      perSecond: perSeries(initial),
      scrapes,
      lines: {
        head: [
          `# HELP ${METRIC} Requests handled, by status code and route.`,
          `# TYPE ${METRIC} counter`,
        ],
        series: SERIES.map((s) => `${METRIC}${labels(s)}`),
      },
    },
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", (m: { port: number }) => resolve(m.port));
    worker.once("error", reject);
  });
  return {
    target: `127.0.0.1:${port}`,
    setRates(next) {
      worker.postMessage({ type: "rates", at: Date.now(), perSecond: perSeries(next) });
    },
    get scrapes() {
      return Atomics.load(scrapes, 0);
    },
    async close() {
      worker.postMessage({ type: "close" });
      await exited;
    },
  };
}

/**
 * OpenMetrics text of the counters from `from` to `to`, one sample every `stepSeconds`, with
 * the rates `ratesAt(t)` gives for each moment: what promtool backfills.
 */
export function workhorseHistory(
  from: Date,
  to: Date,
  stepSeconds: number,
  ratesAt: (t: Date) => Rates,
): string {
  const family = METRIC.replace(/_total$/, "");
  const lines = [`# TYPE ${family} counter`];
  const counts = SERIES.map(() => 0);
  const rows: string[][] = SERIES.map(() => []);
  for (let t = from.getTime(); t <= to.getTime(); t += stepSeconds * 1000) {
    const r = ratesAt(new Date(t));
    for (const [i, s] of SERIES.entries()) {
      counts[i]! += s.share(r) * stepSeconds;
      rows[i]!.push(`${METRIC}${labels(s)} ${counts[i]!.toFixed(3)} ${(t / 1000).toFixed(3)}`);
    }
  }
  // OpenMetrics wants each series' samples together, in time order.
  for (const row of rows) lines.push(...row);
  lines.push("# EOF", "");
  return lines.join("\n");
}
