// Performs a plan's issue writes (milestone, link, once-only comments) after its flag writes,
// in order, stopping at the first failure so the outcome says what was done.

import { describeIssueAction } from "./plan-output.js";
import type { Ports } from "./run-phase.js";
import type { IssueAction } from "./types.js";

export async function applyIssueActions(
  ports: Ports,
  actions: IssueAction[],
): Promise<{ done: string[]; error?: unknown }> {
  const done: string[] = [];
  for (const action of actions) {
    try {
      if (action.kind === "set-milestone") {
        await ports.issues.setMilestone(ports.config.rolloutIssue, action.milestone.id);
      } else if (action.kind === "link-issue") {
        await ports.issues.addLink(ports.config.rolloutIssue, action.target);
      } else {
        // Comments on the feature issue are for everyone following it: never internal.
        await ports.issues.createNote(action.on, action.body, false);
      }
      done.push(describeIssueAction(action));
      ports.logger.info(`  ${describeIssueAction(action)} ✓`);
    } catch (error) {
      return { done, error };
    }
  }
  return { done };
}
