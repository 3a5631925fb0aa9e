// Reads the production gates for a production step: the health checks at GitLab's "now" (each
// max_increase against the window before the last production change, from the history) and the
// open incidents. Neither throws: what cannot be read is reported as unknown, and the gate
// refuses on it.

import type { IssueHistory } from "./history.js";
import type { Ports } from "./ports.js";
import { soakState } from "./soak.js";
import type { ProductionGates } from "./types.js";

export async function gatherGates(
  ports: Ports,
  history: IssueHistory,
  now: Date,
  /** The open incidents, asked for with the first reads: they do not depend on the history. */
  openIncidents?: ReturnType<NonNullable<Ports["incidents"]>>,
): Promise<ProductionGates | undefined> {
  if (!ports.health && !ports.incidents) return undefined;
  const lastChange = lastProductionChange(ports, history, now);
  const [health, incidents] = await Promise.all([
    ports.health?.evaluateAt({ at: now, lastChange }),
    openIncidents ?? ports.incidents?.(),
  ]);
  // Not logged here: the plan lists each check with its figures (production-gates.ts), and
  // saying them twice made the log repeat itself.
  return { ...(health ? { health } : {}), ...(incidents ? { incidents } : {}) };
}

export function lastProductionChange(
  ports: Pick<Ports, "config">,
  history: IssueHistory,
  now: Date,
): Date | undefined {
  const { config } = ports;
  return soakState(history, config.environments, now, config.soakMinutes).lastChange;
}
