// Items a delivered notification does: the template's "cross-post the command to #production and
// your team channel" (the global run's change, fact "cross-posted") and "notify
// #support_gitlab-com and your team channel" (the prepare run's announcement, fact "announced").
// Ticked only when the message reached every destination that wanted it; a failed delivery
// leaves the item to a person. Ticked after the phase, so like the notification it never fails
// the phase: a failure is a warning.

import type { Fact } from "../engine/facts.js";
import { matchContext } from "../engine/match-context.js";
import type { Ports } from "../engine/ports.js";
import { tickChecklist } from "../engine/tick-checklist.js";
import type { Delivery } from "../notify/types.js";

const WHAT = { "cross-posted": "cross-post", announced: "announcement" } as const;

export async function tickNotified(
  ports: Ports,
  deliveries: Delivery[],
  intent: keyof typeof WHAT,
): Promise<string[]> {
  if (deliveries.length === 0 || deliveries.some((d) => !d.delivered)) return [];
  const fact: Fact = { kind: "verified", intent };
  const { config, logger } = ports;
  const what = WHAT[intent];
  try {
    const ticks = await logger.section(`Ticking the ${what}`, () =>
      tickChecklist(ports.issues, config.rolloutIssue, [fact], matchContext(config), logger),
    );
    for (const text of ticks.ticked) logger.info(`  [x] ${text}`);
    if (ticks.ticked.length === 0) logger.info(`  no ${what} item to tick`);
    return ticks.ticked;
  } catch (error) {
    logger.warn(`the ${what} item was not ticked: ${(error as Error).message}`);
    return [];
  }
}
