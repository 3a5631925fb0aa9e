// A small fetch wrapper for the sandbox's own integration tests.

import type { Sandbox } from "../../../src/sandbox/index.js";

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export interface CallOptions {
  token?: string;
  /** Send the token as the private_token query param instead of the header. */
  tokenIn?: "header" | "query" | "bearer";
  body?: unknown;
  /** Send the body urlencoded instead of JSON. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(
  sandbox: Sandbox,
  instance: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let url = `${sandbox.instanceUrl(instance)}/api/v4${path}`;
  if (options.token !== undefined) {
    const where = options.tokenIn ?? "header";
    if (where === "header") headers["PRIVATE-TOKEN"] = options.token;
    else if (where === "bearer") headers.Authorization = `Bearer ${options.token}`;
    else
      url += `${url.includes("?") ? "&" : "?"}private_token=${encodeURIComponent(options.token)}`;
  }
  let body: string | undefined;
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as T };
}

/** A caller bound to one sandbox, instance and token. */
export function client(sandbox: Sandbox, instance: string, token?: string) {
  return <T = unknown>(method: string, path: string, options: CallOptions = {}) =>
    call<T>(sandbox, instance, method, path, {
      ...(token === undefined ? {} : { token }),
      ...options,
    });
}
