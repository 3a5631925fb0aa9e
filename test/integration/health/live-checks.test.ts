// The health checks against a real Prometheus scraping a Workhorse-like exporter: the default
// queries give the ratios the exporter was told to produce (health probes left out), a red
// check is red, and what cannot be answered is "unknown" with a reason a person can act on.

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultChecks } from "../../../src/health/defaults.js";
import { HealthChecker } from "../../../src/health/evaluate.js";
import { PrometheusClient } from "../../../src/health/prometheus.js";
import { startPrometheus, type TestPrometheus } from "../../helpers/prometheus.js";
import { type QueryGateway, startQueryGateway } from "../../helpers/query-gateway.js";
import {
  startWorkhorseExporter,
  type WorkhorseExporter,
} from "../../helpers/workhorse-exporter.js";

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const TOKEN = "glpat-prometheus-secret-0123456789";

describe("health checks on a live Prometheus", () => {
  let exporter: WorkhorseExporter;
  let prometheus: TestPrometheus;
  let gateway: QueryGateway;

  beforeAll(async () => {
    exporter = await startWorkhorseExporter({ perSecond: 200, errors: 0.005, redirects: 0.05 });
    prometheus = await startPrometheus({ targets: [exporter.target] });
    // Wait for two scrapes with traffic: rate() needs two samples.
    await prometheus.waitFor(
      "sum(rate(gitlab_workhorse_http_requests_total[1m]))",
      (v) => v.length === 1 && v[0]! > 0,
    );
    gateway = await startQueryGateway({
      upstream: prometheus.url,
      prefix: "/prometheus",
      token: TOKEN,
      tenant: "gitlab-gprd",
    });
  }, 90_000);
  afterAll(async () => {
    await gateway?.close();
    await prometheus?.stop();
    await exporter?.close();
  });

  const checker = (
    url: string,
    options: { token?: string; headers?: Record<string, string> } = {},
  ) =>
    new HealthChecker(
      new PrometheusClient({ url, timeoutMs: 10_000, ...options }),
      defaultChecks(),
      15 * 60_000,
    );

  it("reads the default 5xx and 302 ratios without the health probes", async () => {
    const report = await checker(prometheus.url).evaluateAt({
      at: new Date(),
      lastChange: undefined,
    });
    const [errors, redirects] = report.results;
    expect(errors).toMatchObject({ name: "5xx ratio", verdict: "green" });
    // With the probes (1/s) counted the ratio would be 1/201 lower.
    expect(errors!.value).toBeCloseTo(0.005, 4);
    expect(redirects!.value).toBeCloseTo(0.05, 3);
    // No production change yet: the rise has nothing to compare with, which is not red.
    expect(redirects).toMatchObject({ verdict: "green" });
    expect(redirects!.detail).toContain("no production change to compare with yet");
  });

  it("turns red when the error ratio passes max, once Prometheus has scraped it", async () => {
    exporter.setRates({ perSecond: 200, errors: 0.2, redirects: 0.05 });
    try {
      const query = defaultChecks()[0]!.query.replaceAll("[5m]", "[3s]");
      await prometheus.waitFor(query, (v) => v[0] !== undefined && v[0] > 0.1);
      const red = await new HealthChecker(
        new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000 }),
        [{ name: "5xx ratio", query, max: 0.01 }],
        60_000,
      ).evaluateAt({ at: new Date(), lastChange: undefined });
      expect(red.results[0]).toMatchObject({ verdict: "red" });
      expect(red.results[0]!.detail).toMatch(/^0\.\d+ \(max 0\.01\)$/);
    } finally {
      exporter.setRates({ perSecond: 200, errors: 0.005, redirects: 0.05 });
    }
  });

  it("goes through a path prefix with a bearer token and a tenant header, as Mimir wants", async () => {
    const report = await new HealthChecker(
      new PrometheusClient({
        url: gateway.url,
        token: TOKEN,
        headers: { "X-Scope-OrgID": "gitlab-gprd" },
        timeoutMs: 10_000,
      }),
      [{ name: "traffic", query: "sum(rate(gitlab_workhorse_http_requests_total[1m]))", min: 1 }],
      60_000,
    ).evaluateAt({ at: new Date(), lastChange: undefined });
    expect(report.results[0]).toMatchObject({ verdict: "green" });
    expect(report.results[0]!.value).toBeGreaterThan(1);
    expect(gateway.seen.at(-1)?.path).toMatch(/^\/prometheus\/api\/v1\/query\?/);
  });

  it("says why a check cannot be judged, and never shows the token", async () => {
    const cases = [
      {
        url: gateway.url,
        options: { token: "wrong", headers: { "X-Scope-OrgID": "gitlab-gprd" } },
        why: /401 \(unauthorized: check the token/,
      },
      {
        url: `${gateway.url}/extra`,
        options: { token: TOKEN },
        why: /404 \(not found: check the path prefix/,
      },
      {
        url: `http://127.0.0.1:${await closedPort()}`,
        options: { token: TOKEN },
        why: /ECONNREFUSED/,
      },
    ];
    for (const c of cases) {
      const report = await checker(c.url, c.options).evaluateAt({
        at: new Date(),
        lastChange: undefined,
      });
      expect(report.results[0]!.verdict).toBe("unknown");
      expect(report.results[0]!.detail).toMatch(c.why);
      expect(JSON.stringify(report)).not.toContain(TOKEN);
    }
  });

  it("reports Prometheus's own error for a bad query, and no data for an unknown metric", async () => {
    const report = await new HealthChecker(
      new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000 }),
      [
        { name: "broken", query: "sum(rate(x[5m]", max: 1 },
        { name: "absent", query: "sum(rate(no_such_metric_total[5m]))", max: 1 },
        { name: "several", query: "rate(gitlab_workhorse_http_requests_total[1m])", max: 1e9 },
      ],
      60_000,
    ).evaluateAt({ at: new Date(), lastChange: undefined });
    const [broken, absent, several] = report.results;
    expect(broken).toMatchObject({ verdict: "unknown" });
    expect(broken!.detail).toMatch(/answered 400 bad_data: .*parse error/);
    expect(absent!.detail).toMatch(/^no data: the query returned nothing/);
    expect(several!.detail).toMatch(/returned 4 series; aggregate it to one number/);
  });
});
