// send() (src/gitlab/http-send.ts) against a local HTTP server: what fetch did for the transport,
// it does too: compressed answers, repeated header fields, a body that stalls past the timeout,
// a refused connection, and the request body and headers as given.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { send } from "../../../src/gitlab/http-send.js";

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4/features`);
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const seconds = (s: number) => AbortSignal.timeout(s * 1000);

describe("send", () => {
  it("sends the method, headers and body, and reads the answer as fetch would", async () => {
    let seen: { method?: string; token?: string; length?: string; body: string } = { body: "" };
    const url = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        seen = {
          method: req.method,
          token: req.headers["private-token"] as string,
          length: req.headers["content-length"],
          body,
        };
        res.setHeader("content-type", "application/json");
        res.setHeader("x-total-pages", "3");
        res.setHeader("set-cookie", ["a=1", "b=2"]);
        res.end(JSON.stringify({ name: "été" }));
      });
    });
    const response = await send(url, {
      method: "POST",
      headers: { "private-token": "t0k", "content-type": "application/json" },
      body: '{"value":"été"}',
      signal: seconds(5),
    });
    expect(seen).toEqual({
      method: "POST",
      token: "t0k",
      length: String(Buffer.byteLength('{"value":"été"}')),
      body: '{"value":"été"}',
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get("X-Total-Pages")).toBe("3");
    expect(response.headers.has("x-total-pages")).toBe(true);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(Object.fromEntries(response.headers.entries())["set-cookie"]).toBe("a=1, b=2");
    expect(JSON.parse(await response.text())).toEqual({ name: "été" });
  });

  it("asks for compression and reads a gzip answer", async () => {
    let asked: string | undefined;
    const url = await serve((req, res) => {
      asked = req.headers["accept-encoding"];
      res.setHeader("content-encoding", "gzip");
      res.end(gzipSync(Buffer.from("x".repeat(100_000))));
    });
    const response = await send(url, { method: "GET", signal: seconds(5) });
    expect(asked).toContain("gzip");
    expect((await response.text()).length).toBe(100_000);
  });

  it("answers an error status as a response, not a failure", async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 429;
      res.setHeader("retry-after", "7");
      res.end("Retry later");
    });
    const response = await send(url, { method: "GET", signal: seconds(5) });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.text()).toBe("Retry later");
  });

  it("fails with the timeout when the body stalls past it", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    });
    const failure = await send(url, { method: "GET", signal: AbortSignal.timeout(200) }).catch(
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe("TimeoutError");
  });

  it("fails with the socket's code as the cause when nobody listens", async () => {
    const url = await serve(() => undefined);
    const port = url.port;
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const failure = (await send(new URL(`http://127.0.0.1:${port}/`), {
      method: "GET",
      signal: seconds(5),
    }).catch((error: Error) => error)) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe("ECONNREFUSED");
  });
});
