// Ticks the rollout issue's checklist items that a phase did or verified, without losing a
// person's edit. GitLab's REST API has no optimistic locking for descriptions, so each attempt
// reads the newest text, flips only the intended boxes in it (a pure string edit), writes, and
// checks the text GitLab answers with. Items are found by what they say (command, marker,
// section), never by line number, so lines a person added meanwhile do not matter.

import {
  itemsToTick,
  type MatchContext,
  parseTaskList,
  setChecked,
  type TaskItem,
} from "../checklist/index.js";
import type { IssueRef } from "../config.js";
import type { IssueStore } from "../gitlab/issues.js";
import type { Logger } from "../report/logger.js";
import type { Fact } from "./facts.js";

export interface TickResult {
  /** The items ticked by this run, as their text. */
  ticked: string[];
  attempts: number;
}

const MAX_ATTEMPTS = 5;

export async function tickChecklist(
  issues: IssueStore,
  ref: IssueRef,
  facts: Fact[],
  context: MatchContext,
  logger: Logger,
): Promise<TickResult> {
  const ticked: string[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const issue = await issues.getIssue(ref);
    const wanted = itemsToTick(issue.description, facts, context);
    if (wanted.length === 0) return { ticked, attempts: attempt };
    const next = setChecked(issue.description, wanted, true);
    const written = await issues.updateDescription(ref, next);
    // GitLab normalises what it stores (it drops \r, strips trailing spaces, runs quick actions),
    // so success is judged by the items, not by comparing bytes with what was sent.
    const missing = stillUnchecked(written.description, wanted);
    if (missing.length === 0) {
      ticked.push(...wanted.map((i) => i.text));
      return { ticked, attempts: attempt };
    }
    logger.debug(
      `checklist write raced with another edit (${missing.length} item(s) not ticked in the answer); re-reading, attempt ${attempt + 1}`,
    );
  }
  logger.warn(
    `could not tick the checklist after ${MAX_ATTEMPTS} attempts: the description kept changing. Re-run the job to tick the remaining items.`,
  );
  return { ticked, attempts: MAX_ATTEMPTS };
}

/** The wanted items (by identity) that the stored text does not show as checked. */
function stillUnchecked(stored: string, wanted: TaskItem[]): TaskItem[] {
  const items = parseTaskList(stored);
  const checkedIds = countIds(items.filter((i) => i.checked));
  const wantedIds = countIds(wanted);
  const missing: TaskItem[] = [];
  for (const item of wanted) {
    const id = identity(item);
    if ((checkedIds.get(id) ?? 0) < (wantedIds.get(id) ?? 0)) missing.push(item);
  }
  return missing;
}

function countIds(items: TaskItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(identity(item), (counts.get(identity(item)) ?? 0) + 1);
  return counts;
}

function identity(item: TaskItem): string {
  return `${item.headings.join(" > ")}\u0000${item.text}`;
}
