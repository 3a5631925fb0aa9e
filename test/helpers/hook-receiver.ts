// A local HTTP server standing for Slack's incoming webhooks and for a JSON webhook receiver: it
// records every request (path, headers, parsed body) and answers as the test says (200, a status,
// or never, to prove the sender's timeout).

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedHook {
  path: string;
  contentType: string | undefined;
  body: unknown;
  raw: string;
}

export type HookAnswer = "ok" | "hang" | number;

export async function startHookReceiver() {
  const received: ReceivedHook[] = [];
  const answers = new Map<string, HookAnswer>();
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {}
      const path = req.url ?? "";
      received.push({ path, contentType: req.headers["content-type"], body, raw });
      const answer = [...answers].find(([prefix]) => path.startsWith(prefix))?.[1] ?? "ok";
      if (answer === "hang") {
        hanging.push(res);
        return;
      }
      // Slack answers 200 with the text "ok".
      res.writeHead(answer === "ok" ? 200 : answer, { "content-type": "text/plain" });
      res.end(answer === "ok" ? "ok" : "server_error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** How requests whose path starts with `prefix` are answered from now on. */
    answer(prefix: string, answer: HookAnswer) {
      answers.set(prefix, answer);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
