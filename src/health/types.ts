// The settings of the health checks and the incident check, as the rest of the program sees them
// once config/health-schema.ts has validated the file.

/** One named PromQL check and its thresholds (health.checks[]). */
export interface HealthCheckSpec {
  name: string;
  query: string;
  /** Red above this value. */
  max?: number;
  /** Red below this value. */
  min?: number;
  /** Red when more than this fraction above the same query before the last production change. */
  maxIncrease?: number;
}

export interface HealthSettings {
  prometheus: {
    /** Base URL of the query API, path prefix included (Mimir: https://mimir.example.com/prometheus). */
    url: string;
    tokenEnv: string | undefined;
    /** Extra request headers that are not secret, e.g. Mimir's X-Scope-OrgID tenant. */
    headers: Record<string, string>;
  };
  intervalSeconds: number;
  checks: HealthCheckSpec[];
  /** The checks are the documented GitLab defaults (health.checks left out). */
  defaults: boolean;
}

export interface IncidentSettings {
  /** The project on the issues instance where incidents are issues. */
  project: string;
  /** Labels every incident issue carries. */
  labels: string[];
  /** One of these labels makes it an incident that blocks production steps. */
  severities: string[];
}
