// Performs a plan's writes besides flags (milestone, links, once-only comments, merge requests,
// closing and creating issues) after its flag writes, stopping at the first failure so the
// outcome says what was done. Writes that depend on nothing before them and nothing after them
// waits for (a milestone, a link, a comment) go out together when they follow each other: the
// paperwork of prepare costs one round trip, not three. Opening, closing and creating keep their
// place in the order: release closes the rollout issue last, and only when all before it is done.

import { describeIssueAction } from "./plan-output.js";
import type { Ports } from "./ports.js";
import type { IssueAction } from "./types.js";

const INDEPENDENT: ReadonlySet<IssueAction["kind"]> = new Set([
  "set-milestone",
  "link-issue",
  "comment",
]);

export async function applyIssueActions(
  ports: Ports,
  actions: IssueAction[],
): Promise<{ done: string[]; error?: unknown }> {
  const done: string[] = [];
  for (const batch of batches(actions)) {
    const settled = await Promise.allSettled(
      batch.map(async (action) => (await applyOne(ports, action)) ?? describeIssueAction(action)),
    );
    // Logged and kept in the plan's order, whichever answered first.
    for (const result of settled) {
      if (result.status !== "fulfilled") continue;
      done.push(result.value);
      ports.logger.info(`  ${result.value} ✓`);
    }
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) return { done, error: failed.reason };
  }
  return { done };
}

/** Consecutive independent actions together; every other action alone, in its place. */
function batches(actions: IssueAction[]): IssueAction[][] {
  const out: IssueAction[][] = [];
  for (const action of actions) {
    const last = out.at(-1);
    if (last && INDEPENDENT.has(action.kind) && INDEPENDENT.has(last[0]!.kind)) last.push(action);
    else out.push([action]);
  }
  return out;
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
