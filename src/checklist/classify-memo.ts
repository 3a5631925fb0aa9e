// Classifying each distinct item once. A rollout issue repeats its texts (each section has its
// "Enable ..." and "Verify ..." items; pasted templates repeat whole sections), and an item's
// classification depends on a few of its fields only: its text, its section, `[~]`, its
// marker, whether it is conditional, and, for items that mention ChatOps (the only ones whose
// commands are read), its code blocks, plain sub-items and the text of the list item around it.
// Items equal in all of these get copies of one classification, each with its own `item`.

import type { ItemClassification, SectionKind, TaskItem } from "./types.js";

type Classify = (item: TaskItem, section: SectionKind) => ItemClassification;

interface Known {
  /** Everything the classification depends on but the text (see `restOfKey`). */
  rest: string;
  classification: ItemClassification;
}

/**
 * `classify`, remembering its classifications for one classifyItems call. The copies share
 * the rest of the classification (requirements, command), which, like the parsed items, is
 * read-only.
 */
export function classifyOnce(classify: Classify): Classify {
  // By text first: hashing the text alone is cheaper than building and hashing a whole key.
  const byText = new Map<string, Known[]>();
  return (item, section) => {
    const rest = restOfKey(item, section);
    const known = byText.get(item.text);
    for (const { rest: other, classification } of known ?? []) {
      if (other !== rest) continue;
      const copy = { ...classification };
      copy.item = item;
      return copy;
    }
    const classification = classify(item, section);
    if (known) known.push({ rest, classification });
    else byText.set(item.text, [{ rest, classification }]);
    return classification;
  };
}

/**
 * Separates the parts of a key. It never occurs in them: markdown-it's normalisation (see
 * blocks.ts) replaces NUL in the whole description, and sections and marker ids are words.
 */
const SEP = "\0";

function restOfKey(item: TaskItem, section: SectionKind): string {
  let key = `${section}${SEP}${item.inapplicable ? "~" : ""}${SEP}${item.marker ?? ""}${SEP}${
    isConditional(item) ? "if" : ""
  }`;
  if (mentionsChatops(item)) {
    // A letter per part, so that code and sub-items cannot pass for one another.
    key += `${SEP}a${item.context[item.context.length - 1] ?? ""}`;
    for (const code of item.code) key += `${SEP}c${code}`;
    for (const sub of item.subItems) key += `${SEP}s${sub}`;
  }
  return key;
}

const IF = /^if\b/i;

/** "If ... fails:" steps (in the item or in a plain item above it) are remedies, not steps. */
export function isConditional(item: TaskItem): boolean {
  if (IF.test(item.text)) return true;
  for (const text of item.plainAncestors) if (IF.test(text)) return true;
  return false;
}

/** Whether the item's text, code blocks or plain sub-items hold a ChatOps command. */
export function mentionsChatops(item: TaskItem): boolean {
  if (item.text.includes("/chatops")) return true;
  for (const code of item.code) if (code.includes("/chatops")) return true;
  for (const sub of item.subItems) if (sub.includes("/chatops")) return true;
  return false;
}
