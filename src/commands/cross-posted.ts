// The template's "cross-post the command to #production and your team channel": once the global
// run's notification is delivered to every destination that wanted it, that is done, and the item
// is ticked (the fact "cross-posted"); a failed delivery leaves it to a person. Ticked after the
// phase, so like the notification it never fails the phase: a failure is a warning.

import type { Fact } from "../engine/facts.js";
import { matchContext } from "../engine/match-context.js";
import type { Ports } from "../engine/ports.js";
import { tickChecklist } from "../engine/tick-checklist.js";
import type { Delivery } from "../notify/types.js";

export async function tickCrossPosted(ports: Ports, deliveries: Delivery[]): Promise<string[]> {
  if (deliveries.length === 0 || deliveries.some((d) => !d.delivered)) return [];
  const fact: Fact = { kind: "verified", intent: "cross-posted" };
  const { config, logger } = ports;
  try {
    const ticks = await logger.section("Ticking the cross-post", () =>
      tickChecklist(ports.issues, config.rolloutIssue, [fact], matchContext(config), logger),
    );
    for (const text of ticks.ticked) logger.info(`  [x] ${text}`);
    if (ticks.ticked.length === 0) logger.info("  no cross-post item to tick");
    return ticks.ticked;
  } catch (error) {
    logger.warn(`the cross-post item was not ticked: ${(error as Error).message}`);
    return [];
  }
}
