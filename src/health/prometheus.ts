// A client of the Prometheus HTTP query API, which Thanos and Mimir serve too: GET
// <base>/api/v1/query and <base>/api/v1/query_range, where <base> may carry a path prefix (Mimir:
// /prometheus). Answers are checked with zod; every failure becomes a PrometheusError that says
// what went wrong without the token (it travels only in the Authorization header).

import { z } from "zod";

/** A sample: the series' labels and its value (NaN and ±Inf are possible in PromQL). */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface Series {
  labels: Record<string, string>;
  /** [unix seconds, value], oldest first. */
  points: [number, number][];
}

export interface QueryApi {
  /** The query's value at `time`: a vector (possibly empty) or a scalar as one sample. */
  instant(query: string, time: Date): Promise<Sample[]>;
  /** The query evaluated every `stepSeconds` from `start` to `end`. */
  range(query: string, start: Date, end: Date, stepSeconds: number): Promise<Series[]>;
}

export class PrometheusError extends Error {
  override name = "PrometheusError";
}

export interface PrometheusOptions {
  url: string;
  token?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

// Values are strings: "0.25", "NaN", "+Inf" (docs/querying/api.md, "Expression query result formats").
const value = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());
const success = z.looseObject({
  status: z.literal("success"),
  data: z.discriminatedUnion("resultType", [
    z.looseObject({
      resultType: z.literal("vector"),
      result: z.array(z.looseObject({ metric: labels, value })),
    }),
    z.looseObject({
      resultType: z.literal("matrix"),
      result: z.array(z.looseObject({ metric: labels, values: z.array(value) })),
    }),
    z.looseObject({ resultType: z.literal("scalar"), result: value }),
    z.looseObject({ resultType: z.literal("string"), result: value }),
  ]),
});
const failure = z.looseObject({
  status: z.literal("error"),
  errorType: z.string().optional(),
  error: z.string().optional(),
});

export class PrometheusClient implements QueryApi {
  constructor(private readonly options: PrometheusOptions) {}

  async instant(query: string, time: Date): Promise<Sample[]> {
    const data = await this.get("query", { query, time: seconds(time) });
    switch (data.resultType) {
      case "vector":
        return data.result.map((r) => ({ labels: r.metric, value: toNumber(r.value[1]) }));
      case "scalar":
        return [{ labels: {}, value: toNumber(data.result[1]) }];
      default:
        throw new PrometheusError(
          `the query gives a ${data.resultType}, not a number: write it so that it returns one value (e.g. wrap it in sum(...))`,
        );
    }
  }

  async range(query: string, start: Date, end: Date, stepSeconds: number): Promise<Series[]> {
    const data = await this.get("query_range", {
      query,
      start: seconds(start),
      end: seconds(end),
      step: String(stepSeconds),
    });
    if (data.resultType !== "matrix") {
      throw new PrometheusError(`query_range answered a ${data.resultType}, not a matrix`);
    }
    return data.result.map((r) => ({
      labels: r.metric,
      points: r.values.map(([t, v]) => [t, toNumber(v)] as [number, number]),
    }));
  }

  private async get(endpoint: string, params: Record<string, string>) {
    const url = `${this.options.url}/api/v1/${endpoint}?${new URLSearchParams(params)}`;
    const where = `GET ${this.options.url}/api/v1/${endpoint}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          accept: "application/json",
          ...this.options.headers,
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const cause = error as Error & { cause?: { code?: string } };
      const why =
        cause.name === "TimeoutError"
          ? `no answer within ${this.options.timeoutMs / 1000} s`
          : (cause.cause?.code ?? cause.message);
      throw new PrometheusError(`${where}: ${why}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PrometheusError(
        `${where} answered ${response.status} ${hint(response.status)}with a body that is not JSON; check health.prometheus.url (it must point at the query API's base, path prefix included)`,
      );
    }
    const failed = failure.safeParse(body);
    if (failed.success) {
      throw new PrometheusError(
        `${where} answered ${response.status} ${failed.data.errorType ?? "error"}: ${oneLine(failed.data.error ?? "no message")}`,
      );
    }
    if (!response.ok) {
      throw new PrometheusError(`${where} answered ${response.status} ${hint(response.status)}`);
    }
    const parsed = success.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PrometheusError(
        `${where} answered in a shape we do not understand (${issue?.path.join(".")}: ${issue?.message})`,
      );
    }
    return parsed.data.data;
  }
}

function hint(status: number): string {
  if (status === 401) return "(unauthorized: check the token in health.prometheus.token_env) ";
  if (status === 403) return "(forbidden: the token may not read this tenant or data) ";
  if (status === 404) return "(not found: check the path prefix in health.prometheus.url) ";
  return "";
}

function toNumber(text: string): number {
  // Number() reads "NaN", "+Inf" and "-Inf" differently from Prometheus's spelling.
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function seconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").slice(0, 300);
}
