// The soak window advance judged green before taking a step, as the step's audit note records it
// (report/soak-window.ts): the evidence that the step before was watched, which global counts
// (engine/soak-proof.ts). Built only for a window that names a recorded step.

import type { Environment } from "../config.js";
import type { IssueHistory } from "../engine/history.js";
import { stepOf } from "../engine/soak-proof.js";
import type { HealthReport } from "../health/evaluate.js";
import { type SoakWindow, storedValue } from "../report/soak-window.js";
import type { Due } from "./decide.js";

export function judgedWindow(
  due: Extract<Due, { kind: "due" }>,
  report: HealthReport,
  history: IssueHistory,
  environments: Environment[],
  /** The incident check ran and found nothing open. */
  noIncident: boolean,
): SoakWindow | undefined {
  // Without a recorded production change there is no step whose soak this was.
  const entry = history.entries.find((e) => e.noteId === due.lastChangeNote);
  if (!entry) return undefined;
  return {
    step: stepOf(entry, environments),
    from: due.window.from.toISOString(),
    to: due.window.to.toISOString(),
    by: "advance",
    ...(noIncident ? { noIncident } : {}),
    checks: report.results.map((r) => ({
      name: r.name,
      verdict: r.verdict,
      ...storedValue(r.value),
      detail: r.detail,
    })),
  };
}
