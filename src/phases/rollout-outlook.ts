// What is coming on production once it is prepared: the steps (each percentage, then everyone)
// and the earliest moment the flag can be on for everyone (a soak after the actors, after each
// percentage and after global's predecessor). Told twice from the same figures: in the comment
// on the feature issue and in the announcement to the notification destinations.

import type { Config } from "../config.js";

export interface RolloutOutlook {
  /** "10%, 50%", or "" when the config has no percentage steps. */
  series: string;
  /** "2026-12-03 17:20" (UTC, to the minute). */
  earliest: string;
  soakMinutes: number;
}

export function rolloutOutlook(
  config: Pick<Config, "percentages" | "soakMinutes">,
  now: Date,
): RolloutOutlook {
  const steps = config.percentages.length + 1;
  const earliest = new Date(now.getTime() + steps * config.soakMinutes * 60_000);
  return {
    series: config.percentages.map((p) => `${p}%`).join(", "),
    earliest: earliest.toISOString().slice(0, 16).replace("T", " "),
    soakMinutes: config.soakMinutes,
  };
}

/** The outlook as plain lines, for a notification (the renderers escape them). */
export function outlookLines(outlook: RolloutOutlook): string[] {
  return [
    `production steps: ${outlook.series ? `${outlook.series}, then ` : ""}everyone, at least ${outlook.soakMinutes} minutes apart`,
    `on for everyone around ${outlook.earliest} UTC at the earliest`,
  ];
}
