// Ticks the rollout issue's checklist items that a phase did or verified, without losing a
// person's edit. Each attempt reads the newest text, flips only the intended boxes in it (a pure
// string edit), writes, and checks GitLab's answer: the items are found by what they say
// (command, marker, section), never by line number, so lines a person added meanwhile do not
// matter. After the write, the issue's newest system notes show whether a person's edit landed
// between our read and our write (REST has no locking); their ticks are put back, and any other
// overwritten edit is reported so that nobody's work disappears silently.

import type { MatchContext } from "../checklist/index.js";
import { itemsToTick, parseTaskList, setChecked, type TaskItem } from "../checklist/index.js";
import type { IssueRef } from "../config.js";
import type { Issue, IssueStore } from "../gitlab/issues.js";
import type { Logger } from "../report/logger.js";
import { storedDescription } from "../report/safe-markdown.js";
import { findLostEdits, type LostEdit } from "./concurrent-edits.js";
import type { Fact } from "./facts.js";

export interface TickResult {
  /** The items ticked by this run, as their text. */
  ticked: string[];
  /** People's ticks that our write overwrote and that were put back. */
  restored: LostEdit[];
  /** People's edits our write overwrote that could not be put back (see the warning). */
  overwritten: LostEdit[];
  attempts: number;
}

const MAX_ATTEMPTS = 5;

export async function tickChecklist(
  issues: IssueStore,
  ref: IssueRef,
  facts: Fact[],
  context: MatchContext,
  logger: Logger,
  /**
   * The issue for the first attempt, when the caller has read it already (or started reading it
   * while its writes went on); later attempts read it again.
   */
  first?: Promise<Issue>,
): Promise<TickResult> {
  const result: TickResult = { ticked: [], restored: [], overwritten: [], attempts: 0 };
  let toRestore: LostEdit[] = [];
  while (result.attempts < MAX_ATTEMPTS) {
    result.attempts++;
    const issue = await (result.attempts === 1 && first ? first : issues.getIssue(ref));
    const wanted = itemsToTick(issue.description, facts, context);
    const restore = restorable(issue.description, toRestore);
    if (wanted.length === 0 && restore.items.length === 0) return result;

    let next = setChecked(issue.description, wanted, true);
    for (const { item, checked } of restore.items) next = setChecked(next, [item], checked);
    const written = await issues.updateDescription(ref, storedDescription(next));
    // GitLab normalises what it stores (no \r, no trailing whitespace, quick actions run), so
    // success is judged by the items in its answer, not by comparing bytes with what we sent.
    // When the answer is exactly our text so normalised, every box we set is set: the answer is
    // not parsed again (on a 1 MiB description that parse is most of a run's checklist work).
    if (
      written.description !== storedForm(next) &&
      stillUnchecked(written.description, wanted).length > 0
    ) {
      logger.debug(
        `checklist write raced with another edit; re-reading (attempt ${result.attempts + 1})`,
      );
      continue;
    }
    result.ticked.push(...wanted.map((i) => i.text));
    result.restored.push(...restore.lost);
    const lost = await findLostEdits(issues, ref, {
      readAt: issue.updatedAt,
      wroteAt: written.updatedAt,
      ticked: wanted.map((i) => itemSource(issue.description, i)),
    });
    toRestore = lost.filter((e) => e.kind === "toggle");
    for (const edit of lost.filter((e) => e.kind === "description")) {
      result.overwritten.push(edit);
      logger.warn(
        `@${edit.author} edited the rollout issue's description at ${edit.at}, between this job's read and its write, and that edit was overwritten. GitLab keeps the description history: open the issue, compare the versions, and restore their change.`,
      );
    }
    if (toRestore.length === 0) return result;
    logger.info(`  putting back ${toRestore.length} checklist change(s) a person made meanwhile`);
  }
  logger.warn(
    `could not finish the checklist after ${MAX_ATTEMPTS} attempts: the description kept changing. Re-run the job to tick the remaining items.`,
  );
  return result;
}

/** Whether a description has an open item these facts tick (what a tick would change). */
export function wantsTicks(description: string, facts: Fact[], context: MatchContext): boolean {
  return facts.length > 0 && itemsToTick(description, facts, context).length > 0;
}

/** The person's toggles that apply to this text: items found by their source, in the other state. */
function restorable(description: string, lost: LostEdit[]) {
  const items: { item: TaskItem; checked: boolean }[] = [];
  const applied: LostEdit[] = [];
  const all = parseTaskList(description);
  for (const edit of lost) {
    if (edit.kind !== "toggle") continue;
    const item = all.find(
      (i) => itemSource(description, i) === edit.source && i.checked !== edit.checked,
    );
    if (item && !items.some((x) => x.item === item)) {
      items.push({ item, checked: edit.checked });
      applied.push(edit);
    }
  }
  return { items, lost: applied };
}

/** The item's text as GitLab names it in its notes: the rest of the box's line, trimmed. */
export function itemSource(description: string, item: TaskItem): string {
  const start = item.boxOffset + 2;
  const end = description.indexOf("\n", start);
  return description.slice(start, end === -1 ? undefined : end).trim();
}

/**
 * The text as GitLab stores it when no quick action runs: every \r deleted, trailing whitespace
 * of the whole text stripped as Ruby's String#rstrip does (ASCII whitespace and NUL only), as
 * src/sandbox/quick-actions.ts does it for the sandbox.
 */
function storedForm(text: string): string {
  return text.replace(/\r/g, "").replace(/[\0\t\n\v\f\r ]+$/, "");
}

/** The wanted items (by identity) that the stored text does not show as checked. */
function stillUnchecked(stored: string, wanted: TaskItem[]): TaskItem[] {
  const checked = countIds(parseTaskList(stored).filter((i) => i.checked));
  const needed = countIds(wanted);
  return wanted.filter(
    (item) => (checked.get(identity(item)) ?? 0) < (needed.get(identity(item)) ?? 0),
  );
}

function countIds(items: TaskItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(identity(item), (counts.get(identity(item)) ?? 0) + 1);
  return counts;
}

function identity(item: TaskItem): string {
  return `${item.headings.join(" > ")}\u0000${item.text}`;
}
