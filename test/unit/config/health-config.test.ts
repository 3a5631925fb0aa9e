// The health: and incidents: keys: defaults, every bad value named with its path and fix, and the
// Prometheus token read from its variable like every other token.

import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { PROMETHEUS_TOKEN } from "../../../src/config/tokens.js";
import { ConfigError } from "../../../src/errors.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

function load(extra: Record<string, unknown>, env: Record<string, string> = BASE_ENV) {
  const { dir, path } = writeConfig({ ...baseConfig(), ...extra });
  return loadConfig({ path, env, cwd: dir });
}

function problems(extra: Record<string, unknown>, env: Record<string, string> = BASE_ENV) {
  try {
    load(extra, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected a ConfigError");
}

describe("health and incidents config", () => {
  it("is off when absent", () => {
    const { config } = load({});
    expect(config.health).toBeUndefined();
    expect(config.incidents).toBeUndefined();
  });

  it("uses the GitLab defaults when no checks are given, with the selector in every query", () => {
    const { config, tokens } = load(
      {
        health: {
          prometheus: {
            url: "https://mimir.example.com/prometheus/",
            token_env: "FF_PROMETHEUS_TOKEN",
            headers: { "X-Scope-OrgID": "gitlab" },
          },
          selector: 'env="gprd"',
        },
      },
      { ...BASE_ENV, FF_PROMETHEUS_TOKEN: " secret-mimir-token " },
    );
    expect(config.health).toMatchObject({
      prometheus: {
        url: "https://mimir.example.com/prometheus",
        tokenEnv: "FF_PROMETHEUS_TOKEN",
        headers: { "X-Scope-OrgID": "gitlab" },
      },
      intervalSeconds: 60,
      defaults: true,
    });
    expect(config.health!.checks.map((c) => c.name)).toEqual(["5xx ratio", "302 ratio"]);
    for (const c of config.health!.checks) {
      expect(c.query.match(/env="gprd"/g)).toHaveLength(2);
    }
    expect(tokens.get(PROMETHEUS_TOKEN)).toBe("secret-mimir-token");
    // The token never reaches the Config that reports may print.
    expect(JSON.stringify(config)).not.toContain("secret-mimir-token");
  });

  it("takes named checks with thresholds and the incident project with ChatOps's defaults", () => {
    const { config } = load({
      health: {
        prometheus: { url: "http://127.0.0.1:9090" },
        interval_seconds: 30,
        checks: [{ name: "apdex", query: "avg(apdex)", min: 0.95, max_increase: 0.2 }],
      },
      incidents: { project: "gitlab-com/gl-infra/production" },
    });
    expect(config.health!.checks).toEqual([
      { name: "apdex", query: "avg(apdex)", min: 0.95, maxIncrease: 0.2 },
    ]);
    expect(config.incidents).toEqual({
      project: "gitlab-com/gl-infra/production",
      labels: ["incident"],
      severities: ["severity::1", "severity::2"],
    });
  });

  it("names every bad value with its path and the fix", () => {
    const found = problems({
      health: {
        prometheus: {
          url: "http://prometheus.internal:9090",
          token_env: "glpat-not-a-name",
          headers: { Authorization: "Bearer x", "X-Scope-OrgID": "a\nb" },
        },
        interval_seconds: 0,
        checks: [
          { name: "a", query: "up" },
          { name: "a", query: "up", min: 2, max: 1 },
          { name: "b", query: "", max_increase: -1 },
        ],
        selector: 'env="x"',
      },
      incidents: { labels: ["a,b"] },
    });
    const expected = [
      "health.prometheus.url: must use https",
      "health.prometheus.token_env: must be the name of a variable",
      "health.prometheus.headers.Authorization: must not be set here",
      "health.prometheus.headers.X-Scope-OrgID: must be one line",
      "health.interval_seconds: must be at least 1 second",
      "health.checks.0: needs a threshold: max, min or max_increase",
      "health.checks.1: has min 2 above max 1",
      "health.checks.2.query: must not be empty",
      "health.checks.2.max_increase: must be above 0",
      'health.checks.1.name: "a" is used by an earlier check',
      "health.selector: applies only to the default checks",
      "incidents.project: must be the project whose issues are incidents",
      "incidents.labels.0: must not contain a comma",
    ];
    for (const text of expected) {
      expect(
        found.some((p) => p.startsWith(text)),
        `${text}\n in ${found.join("\n")}`,
      ).toBe(true);
    }
  });

  it("requires the named token variable to be set", () => {
    const found = problems({
      health: {
        prometheus: { url: "https://thanos.example.com", token_env: "FF_PROMETHEUS_TOKEN" },
      },
    });
    expect(found).toEqual([
      "health.prometheus.token_env: variable FF_PROMETHEUS_TOKEN is not set or empty; it must hold the token for the Prometheus-compatible query API (sent as a bearer token). Add it as a masked CI/CD variable",
    ]);
  });
});
