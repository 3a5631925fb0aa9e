// The demo's notification receiver: a local HTTP server standing for Slack's incoming webhook
// (the #production and #support channels) and for the team's JSON webhook. It keeps what it was sent, so the
// demo can print each message after the step that sent it, as the channel would show it. It
// answers as Slack does (200, the text "ok"), so the CLI's real Slack client and JSON sender are
// what deliver to it.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  /** The destination's name in the demo's story ("#production (Slack)", "team webhook"). */
  to: string;
  body: unknown;
}

export interface DemoReceiver {
  /** The webhook URL of one destination; the part after the host is what a real URL keeps secret. */
  url(destination: keyof typeof PATHS): string;
  /** What arrived since the last call, in order. */
  take(): Received[];
  close(): Promise<void>;
}

const PATHS = {
  // The shape of a Slack incoming-webhook URL; the "secret" is made up and opens nothing.
  slack: "/services/T0DEMO/B0PRODUCTION/demo0webhook0secret0slack",
  support: "/services/T0DEMO/B0SUPPORT/demo0webhook0secret0support",
  webhook: "/hooks/team/demo0webhook0secret0team",
} as const;

const NAMES: Record<string, string> = {
  [PATHS.slack]: "#production (Slack)",
  [PATHS.support]: "#support (Slack)",
  [PATHS.webhook]: "team webhook (JSON)",
};

export async function startDemoReceiver(): Promise<DemoReceiver> {
  let received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const to = NAMES[req.url ?? ""];
      if (req.method !== "POST" || !to) {
        res.writeHead(404, { "content-type": "text/plain" }).end("no_service");
        return;
      }
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {}
      received.push({ to, body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (destination) => `http://127.0.0.1:${port}${PATHS[destination]}`,
    take() {
      const taken = received;
      received = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How a message reads in the demo: Slack's text line by line, the JSON body on one line. */
export function describeReceived(message: Received): string[] {
  const body = message.body as { text?: unknown } | string;
  if (typeof body === "object" && body !== null && typeof body.text === "string") {
    const [first = "", ...rest] = body.text.split("\n");
    return [`⇢ ${message.to} received: ${first}`, ...rest.map((line) => `    ${line}`)];
  }
  return [`⇢ ${message.to} received: ${typeof body === "string" ? body : JSON.stringify(body)}`];
}
