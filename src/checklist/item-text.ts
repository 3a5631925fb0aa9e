// Small readers of item text and HTML: whitespace collapsing, our hidden markers, and how far
// an HTML fragment opens or closes `<details>` blocks.

const MARKER = /<!--\s*ff-rollout:([a-z0-9][a-z0-9-]*)\s*-->/;
const DETAILS_TAG = /<(\/?)details\b/gi;
const COMMENT = /<!--[\s\S]*?-->/g;

/** `text` with each run of white space made one space, and none at either end. */
export function collapse(text: string): string {
  // Trimming first gives the same result (the runs at the ends are dropped either way) and
  // spares the replacing for the many texts whose only extra space is at an end: the space an
  // item's trailing marker comment reads as.
  const trimmed = text.trim();
  return isCollapsed(trimmed) ? trimmed : trimmed.replace(/\s+/g, " ");
}

/**
 * Whether `text` has no white space but single spaces between other characters. Most item
 * texts are, and scanning is much cheaper than replacing.
 */
function isCollapsed(text: string): boolean {
  let space = true; // a space at the start is not collapsed either
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (space) return false;
      space = true;
    } else if (code < 32 || (code > 126 && WHITE_SPACE.test(text.charAt(i)))) {
      // Control characters are rare enough to send all of them to the regular expression.
      return false;
    } else {
      space = false;
    }
  }
  return !space || text.length === 0;
}

const WHITE_SPACE = /\s/;

/** Our marker id (`<!-- ff-rollout:<id> -->`) in an HTML fragment, or null. */
export function markerOf(html: string): string | null {
  return MARKER.exec(html)?.[1] ?? null;
}

/** How far an HTML fragment moves the `<details>` nesting (comments ignored). */
export function detailsDelta(html: string): number {
  let delta = 0;
  for (const match of html.replace(COMMENT, "").matchAll(DETAILS_TAG)) {
    delta += match[1] === "/" ? -1 : 1;
  }
  return delta;
}
