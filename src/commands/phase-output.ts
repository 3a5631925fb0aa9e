// A phase run's result as the --json result carries it: the result itself, what it changed on
// the instances and the rollout issue, and whether that was anything at all.

import { changesOf } from "../engine/plan-output.js";
import type { PhaseResult } from "../engine/run-phase.js";
import type { CommandOutput } from "./json-result.js";

export function phaseOutput(result: PhaseResult): CommandOutput {
  const issue = [
    ...(result.issueDone ?? []),
    ...(result.note
      ? [`audit note ${result.note.id} ${result.note.edited ? "edited" : "posted"}`]
      : []),
    ...result.ticked.map((item) => `ticked: ${item}`),
  ];
  const changes = changesOf(result.outcomes, issue);
  const nothing = changes.instances.length === 0 && changes.issue.length === 0;
  return {
    result,
    changes,
    outcome: result.dryRun ? "dry-run" : nothing ? "nothing-to-do" : "done",
  };
}
