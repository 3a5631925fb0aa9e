// itemsToTick: the unchecked items whose described effect is contained in a phase's facts.

import type { Fact } from "../engine/facts.js";
import { classifyItems } from "./classify.js";
import { isConditional } from "./classify-memo.js";
import { holds, sectionEvidence } from "./effects.js";
import { INTENT_PHASES } from "./intents.js";
import { GATED_SECTIONS } from "./sections.js";
import type { ItemClassification, MatchContext, TaskItem } from "./types.js";

/**
 * Items to tick after a phase produced `facts`. A parent is ticked when its own instruction
 * holds and each of its task children is ticked (before or in this pass), inapplicable
 * (`[~]`), an alternative that does not apply to this configuration, or conditional
 * ("If the tests fail: ..."). Items in the optional
 * release, cleanup and rollback sections are only ticked by facts of that phase.
 */
export function itemsToTick(
  markdown: string,
  facts: readonly Fact[],
  ctx: MatchContext,
): TaskItem[] {
  const classes = classifyItems(markdown, ctx);
  const ticks = new Array<boolean>(classes.length).fill(false);
  const done = (index: number) => {
    const child = classes[index];
    return child !== undefined && (child.item.checked || ticks[index] === true);
  };
  // Backwards, so that children are decided before their parent.
  for (let i = classes.length - 1; i >= 0; i--) {
    const entry = classes[i];
    if (!entry || !tickable(entry, facts)) continue;
    if (!entry.requirements.every((requirement) => holds(requirement, facts, ctx))) continue;
    const children = entry.item.children;
    const settled = children.every((child) => {
      const c = classes[child];
      return done(child) || c === undefined || !c.applicable || isConditional(c.item);
    });
    // A group is done by its children: at least one of them must be done.
    const groupDone = entry.kind !== "group" || children.some(done);
    if (settled && groupDone) ticks[i] = true;
  }
  const items: TaskItem[] = [];
  classes.forEach((entry, i) => {
    if (ticks[i]) items.push(entry.item);
  });
  return items;
}

function tickable(entry: ItemClassification, facts: readonly Fact[]): boolean {
  const { item, kind } = entry;
  if (item.checked || item.inapplicable || !entry.applicable) return false;
  if (kind === "human" || kind === "unknown") return false;
  if (kind !== "group" && entry.requirements.length === 0) return false;
  // Markers say exactly what they mean; wording needs the section to tell repeated texts apart.
  if (!item.marker && GATED_SECTIONS.has(entry.section) && !sectionEvidence(entry.section, facts)) {
    return false;
  }
  // Outside the release and cleanup sections, closing the issues is the cleanup's step ("Close
  // this rollout issue once the flag is gone from the code"): the release path closes them too,
  // but only its own section's items say so.
  if (
    !item.marker &&
    entry.intent !== undefined &&
    !GATED_SECTIONS.has(entry.section) &&
    INTENT_PHASES[entry.intent] === "cleanup" &&
    !sectionEvidence("cleanup", facts)
  ) {
    return false;
  }
  return true;
}
