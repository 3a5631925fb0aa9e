// The gates every production step passes besides soak and order: each health check green at
// this moment, and no open incident. A red or unanswerable check and an open incident are
// "not now" refusals: they pass, and --force --reason overrides them (the note records both).

import { notNow } from "../engine/refusal.js";
import type { RolloutState } from "../engine/types.js";
import { describeIncidents } from "../health/incidents.js";
import type { Verdicts } from "./checks.js";

/**
 * Adds the gates' checks, and their refusals when `changing` (a step that writes nothing needs no
 * permission). Returns what was judged, for the plan to carry into the notes.
 */
export function productionGates(
  state: RolloutState,
  v: Verdicts,
  changing: boolean,
): RolloutState["gates"] {
  const gates = state.gates;
  if (!gates) return undefined;
  for (const r of gates.health?.results ?? []) {
    const ok = r.verdict === "green";
    v.checks.push({ name: `health: ${r.name}`, ok, detail: `${r.verdict}: ${r.detail}` });
    if (!ok && changing) {
      v.refusals.push(
        notNow(
          r.verdict === "red"
            ? `health check "${r.name}" is red: ${r.detail}; wait until it recovers (or roll back)`
            : `health check "${r.name}" cannot be judged: ${r.detail}; fix the query or the Prometheus access, then retry`,
        ),
      );
    }
  }
  const settings = state.config.incidents;
  if (gates.incidents && settings) {
    const ok = !("error" in gates.incidents) && gates.incidents.open.length === 0;
    const detail = describeIncidents(gates.incidents, settings);
    v.checks.push({ name: "no open incident", ok, detail });
    if (!ok && changing) {
      v.refusals.push(
        notNow(
          "error" in gates.incidents
            ? `the incident check could not run: ${detail}`
            : `an incident is open: ${detail}`,
        ),
      );
    }
  }
  return gates;
}
