// After a rollback, production's configured actors are not enabled anymore: the rollback sets
// the flag false, and Flipper's boolean gate clears every other gate, actors included. A
// percentage step played next would then run without the actors' explicit gate, and nothing
// would say so. GitLab's process enables the actors first and watches them through a soak
// before any percentage, and production-actors also checks the deployment again; so a
// percentage step refuses "not now" until production-actors has run again. It does not
// re-enable the actors itself: that would be a production change nobody soaked, under the name
// of another step. `--force --reason` goes on without them, recorded.
// global is not held back: `true` enables everyone and clears the actor gate itself (a global
// that follows the steps never keeps it either), so nothing is lost by going straight to it;
// its soak, health and incident gates still apply.

import type { Config } from "../config.js";
import type { HistoryEntry, IssueHistory } from "../engine/history.js";
import { notNow } from "../engine/refusal.js";
import type { RolloutState } from "../engine/types.js";
import type { Verdicts } from "./checks.js";

/**
 * The last rollback that turned production off after the last completed production-actors run
 * (or with none since): while there is one, the configured actors have no gate of their own.
 * Undefined for a flag without actors, or when production-actors ran after every rollback.
 */
export function rollbackClearedActors(
  config: Config,
  history: IssueHistory,
): HistoryEntry | undefined {
  if (config.actor === "none") return undefined;
  const production = new Set(
    config.environments.filter((e) => e.tier === "production").map((e) => e.name),
  );
  const entries = history.entries;
  // A rollback that failed on production may have left the flag, actors and all, as it was.
  const lastRollback = entries.findLastIndex(
    (e) =>
      e.event.phase === "rollback" &&
      e.event.instances.some((i) => production.has(i.environment) && i.status !== "failed"),
  );
  if (lastRollback < 0) return undefined;
  const lastActors = entries.findLastIndex(
    (e) =>
      e.event.phase === "production-actors" &&
      (e.event.outcome === "done" || e.event.outcome === "unchanged"),
  );
  return lastActors > lastRollback ? undefined : entries[lastRollback];
}

/** The check and its refusal, for a percentage step about to write production. */
export function actorsAfterRollbackCheck(state: RolloutState, v: Verdicts, step: string): void {
  const { config } = state;
  const rollback = rollbackClearedActors(config, state.history);
  if (!rollback) {
    if (config.actor !== "none" && state.history.entries.some((e) => e.event.phase === "rollback"))
      v.checks.push({
        name: "actors since the rollback",
        ok: true,
        detail: "production-actors ran after the last rollback",
      });
    return;
  }
  const who = `${config.actor} ${config.actors.join(", ")}`;
  const reason = `production was rolled back at ${rollback.event.at}, which cleared the actor gate (${who}), and production-actors has not run since: ${step} would run without the configured actors enabled. Run production-actors again first (it enables them and starts the soak), then ${step}; --force --reason goes on without them`;
  v.checks.push({ name: "actors since the rollback", ok: false, detail: reason });
  v.refusals.push(notNow(reason));
}
