// The version, read from package.json next to dist/ (or src/ under tests) without importing JSON
// modules, so the CLI answers --version before loading anything else.

import { readFileSync } from "node:fs";

export function version(): string {
  const url = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}
