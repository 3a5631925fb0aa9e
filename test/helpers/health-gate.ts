// What the tests of the CLI's health gate share: a Workhorse-like exporter at healthy rates, a
// real Prometheus scraping it, started once the other such file is done (exclusive.ts) and once
// Prometheus has the 5xx ratio.

import { exclusive } from "./exclusive.js";
import { startPrometheus, type TestPrometheus } from "./prometheus.js";
import { startWorkhorseExporter, type WorkhorseExporter } from "./workhorse-exporter.js";

export const HEALTHY = { perSecond: 200, errors: 0.005, redirects: 0.05 };
export const ERRORS =
  'sum(rate(gitlab_workhorse_http_requests_total{code=~"5.."}[30s])) / sum(rate(gitlab_workhorse_http_requests_total[30s]))';

export interface HealthGate {
  exporter: WorkhorseExporter;
  prometheus: TestPrometheus;
  stop(): Promise<void>;
}

export async function startHealthGate(): Promise<HealthGate> {
  const release = await exclusive("health-gate");
  const exporter = await startWorkhorseExporter(HEALTHY);
  const prometheus = await startPrometheus({ targets: [exporter.target] });
  await prometheus.waitFor(ERRORS, (v) => v.length === 1 && v[0]! < 0.01);
  return {
    exporter,
    prometheus,
    async stop() {
      await prometheus.stop();
      await exporter.close();
      release();
    },
  };
}
