// A gateway in front of a test Prometheus that behaves like Mimir's or a Thanos frontend behind
// an authenticating proxy: the query API lives under a path prefix, answers 401 without the
// expected bearer token and 400 without the tenant header (X-Scope-OrgID). It records what it
// was sent, so tests can check the client sent the token only there.

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface QueryGateway {
  /** Base URL with the prefix, e.g. http://127.0.0.1:PORT/prometheus */
  readonly url: string;
  readonly seen: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startQueryGateway(options: {
  upstream: string;
  prefix: string;
  token: string;
  tenant: string;
}): Promise<QueryGateway> {
  const seen: QueryGateway["seen"] = [];
  const server = createServer(async (req, res) => {
    seen.push({ path: req.url ?? "", headers: req.headers });
    const url = req.url ?? "";
    if (!url.startsWith(`${options.prefix}/api/v1/`)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found\n");
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { "content-type": "text/plain" }).end("Unauthorized\n");
      return;
    }
    if (req.headers["x-scope-orgid"] !== options.tenant) {
      res.writeHead(400, { "content-type": "text/plain" }).end("no org id\n");
      return;
    }
    const upstream = await fetch(`${options.upstream}${url.slice(options.prefix.length)}`);
    res
      .writeHead(upstream.status, { "content-type": "application/json" })
      .end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.prefix}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
