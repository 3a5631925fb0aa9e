// classifyItems: what each checkbox of the rollout issue is (a command, a verified intent,
// work for a person, a group of sub-items, or unknown) and which phase would tick it, so that
// `status` can show what waits for a person and what the next play button will do.

import { classifyItem, latestPhase } from "./classify-item.js";
import { classifyOnce } from "./classify-memo.js";
import { parseTaskList } from "./parse.js";
import { sectionOf } from "./sections.js";
import type { ItemClassification, MatchContext, SectionKind, TaskItem } from "./types.js";

export function classifyItems(markdown: string, ctx: MatchContext): ItemClassification[] {
  const result = classifyEach(parseTaskList(markdown), ctx);
  // Children come after their parent, so walk backwards to know the children first.
  for (let i = result.length - 1; i >= 0; i--) {
    const own = result[i];
    if (own?.kind !== "unknown" || own.item.children.length === 0 || own.item.marker) continue;
    const children = own.item.children.flatMap((child) => result[child] ?? []);
    result[i] = {
      ...own,
      kind: "group",
      applicable: own.applicable && children.some((child) => child.applicable),
      phase: latestPhase(children.flatMap((child) => child.phase ?? [])) ?? own.phase,
      reason: "groups the task items under it",
    };
  }
  return result;
}

/** Each item's own classification, each distinct item classified once (see classify-memo.ts). */
function classifyEach(items: readonly TaskItem[], ctx: MatchContext): ItemClassification[] {
  const classify = classifyOnce((item, section) => classifyItem(item, section, ctx));
  const result: ItemClassification[] = [];
  // The items of a section share one headings array (see collect-items.ts): read it once.
  let headings: readonly string[] | undefined;
  let section: SectionKind = "other";
  for (const item of items) {
    if (item.headings !== headings) {
      headings = item.headings;
      section = sectionOf(headings);
    }
    result.push(classify(item, section));
  }
  return result;
}
