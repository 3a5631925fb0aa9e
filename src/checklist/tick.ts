// setChecked: flip the box characters of some items and keep every other byte as it was
// (CRLF, trailing spaces, tabs, non-ASCII), so that a person's text is never rewritten.

import type { TaskItem } from "./types.js";

/** Thrown when an item's position does not hold a box: the items come from another text. */
export class StaleItemError extends Error {
  constructor(readonly item: Pick<TaskItem, "line" | "boxOffset" | "text">) {
    super(
      `No checkbox at line ${item.line} (offset ${item.boxOffset}) for "${item.text}": re-parse the description`,
    );
    this.name = "StaleItemError";
  }
}

const BOX_VALUES = new Set([" ", "x", "X", "~", "\t"]);

/**
 * Returns `markdown` with the boxes of `items` set to `[x]` (checked) or `[ ]` (unchecked).
 * Inapplicable (`[~]`) items are left alone; items already in the wanted state are untouched
 * (so `[X]` stays `[X]`).
 */
export function setChecked(markdown: string, items: readonly TaskItem[], checked: boolean): string {
  const offsets = items
    .filter((item) => !item.inapplicable)
    .map((item) => {
      const at = item.boxOffset;
      const current = markdown.charAt(at);
      if (
        markdown.charAt(at - 1) !== "[" ||
        markdown.charAt(at + 1) !== "]" ||
        !BOX_VALUES.has(current)
      ) {
        throw new StaleItemError(item);
      }
      return at;
    })
    .filter((at) => isChecked(markdown.charAt(at)) !== checked)
    .sort((a, b) => a - b);
  if (offsets.length === 0) return markdown;
  const replacement = checked ? "x" : " ";
  const parts: string[] = [];
  let from = 0;
  for (const at of offsets) {
    if (at < from) continue; // the same item twice
    parts.push(markdown.slice(from, at), replacement);
    from = at + 1;
  }
  parts.push(markdown.slice(from));
  return parts.join("");
}

function isChecked(value: string): boolean {
  return value === "x" || value === "X";
}
