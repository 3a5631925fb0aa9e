// The checks that need a past: max_increase against the window before the last production
// change, and a whole window judged point by point. A real Prometheus is backfilled with promtool
// with an hour of Workhorse counters whose ratios the test chose: 302s rise by 80 % at the change
// and 5xx errors spike for two minutes five minutes after it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultChecks } from "../../../src/health/defaults.js";
import { HealthChecker } from "../../../src/health/evaluate.js";
import { PrometheusClient } from "../../../src/health/prometheus.js";
import { startPrometheus, type TestPrometheus } from "../../helpers/prometheus.js";
import { workhorseHistory } from "../../helpers/workhorse-exporter.js";

const MINUTE = 60_000;
const now = Math.floor(Date.now() / MINUTE) * MINUTE;
const change = new Date(now - 25 * MINUTE);
const at = (minutesAfterChange: number) => new Date(change.getTime() + minutesAfterChange * MINUTE);

describe("health checks over a backfilled past", () => {
  let prometheus: TestPrometheus;
  let checker: HealthChecker;

  beforeAll(async () => {
    const history = workhorseHistory(
      new Date(now - 60 * MINUTE),
      new Date(now - MINUTE),
      15,
      (t) => {
        const after = (t.getTime() - change.getTime()) / MINUTE;
        const spike = after >= 5 && after < 7;
        return { perSecond: 100, errors: spike ? 0.3 : 0.005, redirects: after >= 0 ? 0.09 : 0.05 };
      },
    );
    prometheus = await startPrometheus({ backfill: history });
    // The blocks are loaded at start; wait until a query over them answers.
    await prometheus.waitFor(
      `sum(rate(gitlab_workhorse_http_requests_total[5m] @ ${(now - 30 * MINUTE) / 1000}))`,
      (v) => v.length === 1 && v[0]! > 0,
    );
    // max_increase compares with a 15-minute window before the change (a 15-minute soak).
    checker = new HealthChecker(
      new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000 }),
      defaultChecks(),
      15 * MINUTE,
    );
  }, 90_000);
  afterAll(async () => {
    await prometheus?.stop();
  });

  it("turns the 302 ratio red when it rose more than 50 % over the window before the change", async () => {
    const report = await checker.evaluateAt({ at: at(15), lastChange: change });
    const [errors, redirects] = report.results;
    expect(errors).toMatchObject({ verdict: "green" });
    expect(redirects).toMatchObject({ verdict: "red" });
    expect(redirects!.value).toBeCloseTo(0.09, 3);
    expect(redirects!.baseline).toBeCloseTo(0.05, 3);
    expect(redirects!.detail).toMatch(
      /^0\.09\d*, \+(79\.\d|80(\.\d)?) % over 0\.050\d* before the change \(max \+50 %\)$/,
    );
  });

  it("keeps it green when nothing changed at the change", async () => {
    // A "change" 20 minutes before the real one: the ratio was 5 % on both sides.
    const report = await checker.evaluateAt({ at: at(-5), lastChange: at(-20) });
    expect(report.results.map((r) => r.verdict)).toEqual(["green", "green"]);
    expect(report.results[1]!.detail).toMatch(/^0\.05\d*, \+?0 % over 0\.05/);
  });

  it("finds the error spike inside the window and when it started", async () => {
    const report = await checker.evaluateWindow(change, at(15), change);
    const errors = report.results[0]!;
    expect(errors.verdict).toBe("red");
    expect(errors.value).toBeGreaterThan(0.1);
    const firstRed = Date.parse(errors.firstRedAt ?? "");
    expect(firstRed).toBeGreaterThanOrEqual(at(5).getTime());
    expect(firstRed).toBeLessThanOrEqual(at(7).getTime());
    expect(errors.points).toBeGreaterThan(100);
  });

  it("calls a quiet window green at every point", async () => {
    const report = await checker.evaluateWindow(at(-20), at(-2), at(-20));
    expect(report.results.map((r) => r.verdict)).toEqual(["green", "green"]);
    expect(report.results[0]!.detail).toMatch(/^worst 0\.00\d+ \(max 0\.01\) over \d+ points$/);
  });

  it("is unknown over a window without data", async () => {
    const report = await checker.evaluateWindow(
      new Date(now - 3 * 3600_000),
      new Date(now - 2 * 3600_000),
      undefined,
    );
    expect(report.results[0]).toMatchObject({ verdict: "unknown" });
  });
});
