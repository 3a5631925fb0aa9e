// A stand-in for GitLab Workhorse's metrics endpoint: gitlab_workhorse_http_requests_total with
// Workhorse's labels (code, method, route), counting at rates the test sets. Counters grow with
// real time between scrapes, as a busy instance's would, so Prometheus's rate() sees exactly the
// error and redirect ratios the test chose. Also writes the same counters as OpenMetrics text with
// timestamps, for promtool to backfill a past the test controls.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

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

export interface WorkhorseExporter {
  /** host:port, for a scrape target. */
  readonly target: string;
  setRates(rates: Rates): void;
  /** Scrapes answered so far. */
  readonly scrapes: number;
  close(): Promise<void>;
}

export async function startWorkhorseExporter(initial: Rates): Promise<WorkhorseExporter> {
  let rates = initial;
  let counts: number[] = SERIES.map(() => 0);
  let last = Date.now();
  let scrapes = 0;
  const advance = () => {
    const now = Date.now();
    const seconds = (now - last) / 1000;
    counts = counts.map((c, i) => c + SERIES[i]!.share(rates) * seconds);
    last = now;
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    advance();
    scrapes++;
    const body = [
      `# HELP ${METRIC} Requests handled, by status code and route.`,
      `# TYPE ${METRIC} counter`,
      ...SERIES.map((s, i) => `${METRIC}${labels(s)} ${counts[i]!.toFixed(3)}`),
      "",
    ].join("\n");
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    setRates(next) {
      advance();
      rates = next;
    },
    get scrapes() {
      return scrapes;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
