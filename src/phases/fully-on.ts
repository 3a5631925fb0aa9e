// How long the flag has been fully on in production without a rollback, from the audit notes:
// the template's "wait at least one day" before releasing or removing it.

import { becameFullyOn } from "../engine/fully-on-since.js";
import { DATE_HEADER_SLACK_MS } from "../engine/soak.js";
import type { RolloutState } from "../engine/types.js";
import { isFullyOn } from "../flags/types.js";
import { flagOf, tier } from "./checks.js";

const DAY_MS = 86_400_000;

/** When production last became fully on (and stayed so), or undefined when it is not on or unknown. */
export function fullyOnSince(state: RolloutState): Date | undefined {
  const production = tier(state, "production");
  if (production.length === 0 || !production.every((e) => isFullyOn(flagOf(state, e)))) {
    return undefined;
  }
  const since = becameFullyOn(state.history, new Set(production.map((e) => e.name)));
  return since === "unknown" ? undefined : since;
}

/** Fully on in production for at least a day, by GitLab's clock. */
export function soakedOneDay(state: RolloutState): { ok: boolean; detail: string } {
  const since = fullyOnSince(state);
  if (!since) {
    return { ok: false, detail: "not fully on in production (by a recorded run) yet" };
  }
  const elapsed = state.now.getTime() + DATE_HEADER_SLACK_MS - since.getTime();
  const hours = Math.max(0, Math.floor(elapsed / 3_600_000));
  return elapsed >= DAY_MS
    ? { ok: true, detail: `fully on in production for ${hours} h with no rollback since` }
    : { ok: false, detail: `fully on in production for ${hours} h; GitLab's process waits a day` };
}
