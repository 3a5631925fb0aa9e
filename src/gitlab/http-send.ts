// One HTTP exchange on node:http/https, for the transport (transport.ts). Not fetch: on Node 20
// the first fetch() of a process loads undici and compiles its WebAssembly HTTP parser, about
// 100 ms of CPU, more than the rest of a `status` run spends on its own work (measured side by
// side: a process making one request took 2.7 x `node -e 0` with fetch, 1.14 x with
// node:http). The answer keeps the shape of fetch's Response that the transport reads, and fails
// the way fetch fails (an error whose `cause` has the socket's code), so the transport's retry
// and error rules apply unchanged. The whole body is read before the answer resolves, under the
// same abort signal, so a timeout covers a slow body as it did with fetch.

import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

export interface SendOptions {
  method: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  signal: AbortSignal;
}

/** The part of fetch's Response the transport uses. */
export interface SentResponse {
  status: number;
  ok: boolean;
  headers: Pick<Headers, "get" | "has"> & { entries(): Iterable<[string, string]> };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function send(url: URL, options: SendOptions): Promise<SentResponse> {
  // Multipart bodies (file uploads) are fetch's job; nothing in ff-rollout sends one today.
  if (options.body !== undefined && typeof options.body !== "string") {
    return fetch(url, options);
  }
  const body = options.body === undefined ? undefined : Buffer.from(options.body, "utf8");
  const headers: OutgoingHttpHeaders = { "accept-encoding": "gzip, deflate", ...options.headers };
  if (body) headers["content-length"] = body.length;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  const { message, bytes } = await new Promise<{ message: IncomingMessage; bytes: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { method: options.method, headers, signal: options.signal });
      const fail = (error: Error) => reject(failure(error, options.signal));
      req.on("error", fail);
      req.on("response", (message) => {
        const chunks: Buffer[] = [];
        message.on("data", (chunk: Buffer) => chunks.push(chunk));
        message.on("error", fail);
        message.on("end", () => resolve({ message, bytes: Buffer.concat(chunks) }));
      });
      req.end(body);
    },
  );
  const decoded = await decode(bytes, message.headers["content-encoding"]);
  const status = message.statusCode ?? 0;
  const fields = headerEntries(message);
  const map = new Map(fields);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => map.get(name.toLowerCase()) ?? null,
      has: (name) => map.has(name.toLowerCase()),
      entries: () => fields,
    },
    text: async () => decoded.toString("utf8"),
    arrayBuffer: async () =>
      decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + decoded.length) as ArrayBuffer,
  };
}

/**
 * As fetch rejects: once the signal fired, with its reason (a TimeoutError for a timeout), even
 * when the socket reported the abort as a reset; otherwise with the socket's error as the cause.
 */
function failure(error: Error, signal: AbortSignal): Error {
  if (signal.aborted) {
    return signal.reason instanceof Error ? signal.reason : error;
  }
  return new TypeError("request failed", { cause: error });
}

/** Header fields as fetch's Headers lists them: lower-case names, repeated values joined. */
function headerEntries(message: IncomingMessage): [string, string][] {
  return Object.entries(message.headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
  ) as [string, string][];
}

async function decode(bytes: Buffer, encoding: string | undefined): Promise<Buffer> {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === "identity" || bytes.length === 0) return bytes;
  // Loaded only when GitLab compressed the answer (a local sandbox does not).
  const zlib = await import("node:zlib");
  if (coding === "gzip" || coding === "x-gzip") return zlib.gunzipSync(bytes);
  if (coding === "deflate") return zlib.inflateSync(bytes);
  if (coding === "br") return zlib.brotliDecompressSync(bytes);
  return bytes;
}
