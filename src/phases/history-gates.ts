// Ordering rules read from the history: which phases have run to completion.

import { notNow } from "../engine/refusal.js";
import type { RolloutState } from "../engine/types.js";
import type { Verdicts } from "./checks.js";

/** The phase has a recorded run that finished (changed what it had to, or found it done). */
export function hasRun(state: RolloutState, phase: string): boolean {
  return state.history.entries.some(
    (e) =>
      e.event.phase === phase && (e.event.outcome === "done" || e.event.outcome === "unchanged"),
  );
}

export function requireRun(state: RolloutState, phase: string, v: Verdicts, why: string): void {
  const ok = hasRun(state, phase);
  v.checks.push({
    name: `${phase} done`,
    ok,
    detail: ok ? `the ${phase} phase has run` : `the ${phase} phase has not run yet; ${why}`,
  });
  // Ordering: "not now".
  if (!ok) v.refusals.push(notNow(`the ${phase} phase has not run yet; ${why}`));
}
