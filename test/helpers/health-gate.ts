// What the tests of the CLI's health gate share: a Workhorse-like exporter at healthy rates, a
// real Prometheus scraping it, and the moment a production step is judged at.
//
// The CLI judges the checks at GitLab's "now", which it reads from the Date header of GitLab's
// answers: whole seconds, so up to a second before the moment the test asked Prometheus. After
// a gap in the scrapes longer than the rate window, Prometheus has data again once a second
// sample is in the window; a test that waits for data "now" and then runs the CLI lets it ask for
// a moment just before that sample, and the gate finds no data. settle() instead picks the moment
// on the sandbox's clock and asks Prometheus about that very moment.

import type { SandboxClock } from "../../src/sandbox/index.js";
import { startPrometheus, type TestPrometheus } from "./prometheus.js";
import { startWorkhorseExporter, type WorkhorseExporter } from "./workhorse-exporter.js";

export const HEALTHY = { perSecond: 200, errors: 0.005, redirects: 0.05 };
const WINDOW = "30s";
export const ERRORS = `sum(rate(gitlab_workhorse_http_requests_total{code=~"5.."}[${WINDOW}])) / sum(rate(gitlab_workhorse_http_requests_total[${WINDOW}]))`;
/** Scrapes in the rate window: with three, a moment a little later still has two. */
const SCRAPES_IN_WINDOW = `count_over_time(gitlab_workhorse_http_requests_total{code="500"}[${WINDOW}])`;

export interface HealthGate {
  exporter: WorkhorseExporter;
  prometheus: TestPrometheus;
  /**
   * Sets the sandbox's (frozen) clock to a whole second at which Prometheus answers ERRORS from
   * at least three scrapes, and returns it: the moment the CLI's next gate is judged at.
   */
  settle(clock: Pick<SandboxClock, "set">, timeoutMs?: number): Promise<Date>;
  stop(): Promise<void>;
}

export async function startHealthGate(): Promise<HealthGate> {
  const exporter = await startWorkhorseExporter(HEALTHY);
  let prometheus: TestPrometheus | undefined;
  try {
    prometheus = await startPrometheus({ targets: [exporter.target] });
    await prometheus.waitFor(ERRORS, (v) => v.length === 1 && v[0]! < 0.01, 60_000);
  } catch (error) {
    await prometheus?.stop();
    await exporter.close();
    throw error;
  }
  const p = prometheus;
  return {
    exporter,
    prometheus: p,
    async settle(clock, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // The sandbox's Date header has whole seconds: make the moment one, so that the CLI
        // reads exactly it.
        const at = new Date(Math.floor(Date.now() / 1000) * 1000);
        const [ratio, scrapes] = await Promise.all([
          p.values(ERRORS, at),
          p.values(SCRAPES_IN_WINDOW, at),
        ]);
        if (ratio.length === 1 && (scrapes[0] ?? 0) >= 3) {
          clock.set(at);
          return at;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `Prometheus has no data for the gate at ${at.toISOString()} (ratio ${JSON.stringify(ratio)}, scrapes in the window ${JSON.stringify(scrapes)}); targets: ${await p.targets()}`,
          );
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async stop() {
      await p.stop();
      await exporter.close();
    },
  };
}
