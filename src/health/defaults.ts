// The checks used when `health.checks` is left out: what GitLab's process asks a person to watch
// after each production step, 5xx errors and 302 redirects, as ratios of all requests, from
// Workhorse's request counter. Workhorse sits in front of every web, API and Git HTTP request of a
// GitLab instance and counts them in `gitlab_workhorse_http_requests_total`, labelled by `code`,
// `method` and (newer versions) `route`, the route's regular expression as text
// (workhorse/internal/upstream/metrics.go; GitLab.com's own SLIs divide the same counter with
// code=~"^5.*"). Health probes are left out: they are not users' traffic.

import type { HealthCheckSpec } from "./types.js";

export const WORKHORSE_REQUESTS = "gitlab_workhorse_http_requests_total";

/** Workhorse's route label for its probes is the route's regexp, e.g. ^/-/health$ (escaped here). */
const NOT_PROBES = 'route!~"\\\\^/-/(health|readiness|liveness)\\\\$"';

/** The default checks, each selector extended with `extra` matchers (e.g. env="gprd"). */
export function defaultChecks(extra?: string): HealthCheckSpec[] {
  const sel = (code?: string) =>
    `{${[code, NOT_PROBES, extra?.trim()].filter((m) => m !== undefined && m !== "").join(",")}}`;
  const ratio = (code: string) =>
    `sum(rate(${WORKHORSE_REQUESTS}${sel(code)}[5m])) / sum(rate(${WORKHORSE_REQUESTS}${sel()}[5m]))`;
  return [
    // More than 1 % of requests failing is an outage by any GitLab SLO.
    { name: "5xx ratio", query: ratio('code=~"5.."'), max: 0.01 },
    // Redirects to the sign-in page rise when a change logs people out or breaks a permission
    // check; what is normal differs per instance, so only a rise is judged.
    { name: "302 ratio", query: ratio('code="302"'), maxIncrease: 0.5 },
  ];
}
