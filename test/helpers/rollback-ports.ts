// The engine's ports wired against a strict sandbox, as the CLI wires them, with retry waits
// skipped: for tests of the rollback core (engine/run-rollback.ts) under injected faults, which
// would otherwise wait out real backoffs.

import { loadConfig } from "../../src/config/load.js";
import { wire } from "../../src/wiring.js";
import { sandboxCliSetup } from "./cli-setup.js";
import { captureLogger } from "./logger.js";
import type { StrictSandbox } from "./sandbox.js";

export function rollbackPorts(sb: StrictSandbox, config: Record<string, unknown> = {}) {
  const s = sandboxCliSetup((n) => sb.instanceUrl(n), config);
  const loaded = loadConfig({ path: s.path, env: s.env, cwd: s.dir, cli: {} });
  const { logger, out } = captureLogger({ secrets: [...loaded.tokens.values()] });
  const ports = wire(loaded, {
    logger,
    context: { ci: true, user: "dana", job: { id: "77", name: "ff-rollout:rollback" } },
    sleep: async () => {},
  });
  return { ports, out, setup: s };
}
