// Performs a plan's writes besides flags (milestone, links, once-only comments, merge requests,
// closing and creating issues) after its flag writes, in order, stopping at the first failure so
// the outcome says what was done.

import { describeIssueAction } from "./plan-output.js";
import type { Ports } from "./ports.js";
import type { IssueAction } from "./types.js";

export async function applyIssueActions(
  ports: Ports,
  actions: IssueAction[],
): Promise<{ done: string[]; error?: unknown }> {
  const done: string[] = [];
  for (const action of actions) {
    try {
      const what = (await applyOne(ports, action)) ?? describeIssueAction(action);
      done.push(what);
      ports.logger.info(`  ${what} ✓`);
    } catch (error) {
      return { done, error };
    }
  }
  return { done };
}

/** Applies one action; returns what was done when it is known only now (a new MR's URL). */
async function applyOne(ports: Ports, action: IssueAction): Promise<string | undefined> {
  switch (action.kind) {
    case "set-milestone":
      await ports.issues.setMilestone(ports.config.rolloutIssue, action.milestone.id);
      return undefined;
    case "link-issue":
      await ports.issues.addLink(ports.config.rolloutIssue, action.target);
      return undefined;
    case "comment":
      // Comments on the feature issue are for everyone following it: never internal.
      await ports.issues.createNote(action.on, action.body, false);
      return undefined;
    case "open-merge-request": {
      const mr = await ports.release.openMergeRequest(action.change);
      return `opened ${action.what} ${mr.url}`;
    }
    case "close-issue":
      await ports.lifecycle.close(action.target);
      return undefined;
    case "create-issue": {
      const created = await ports.lifecycle.create(action.project, action.issue);
      await ports.issues.addLink(created.ref, action.relateTo);
      return `created ${created.ref.webUrl} ("${created.title}"), related to ${action.relateTo.webUrl}`;
    }
  }
}
