// Oracle (see parse.ts): turning mdast nodes into the plain text the matcher reads, and finding
// our hidden markers.

import type { Nodes, PhrasingContent } from "mdast";

const MARKER = /<!--\s*ff-rollout:([a-z0-9][a-z0-9-]*)\s*-->/;
const DETAILS_TAG = /<(\/?)details\b/gi;
const COMMENT = /<!--[\s\S]*?-->/g;

/** Inline content as text: inline code keeps its backticks (commands are found by them), markup is dropped. */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  let out = "";
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out += node.value;
        break;
      case "inlineCode":
        out += `\`${node.value}\``;
        break;
      case "break":
        out += " ";
        break;
      case "html":
        out += " ";
        break;
      case "image":
      case "imageReference":
        out += node.alt ?? "";
        break;
      default:
        if ("children" in node) out += inlineText(node.children as PhrasingContent[]);
    }
  }
  return out;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Text of a block's own inline content (paragraphs and headings directly inside it). */
export function ownText(children: readonly Nodes[]): string {
  const parts: string[] = [];
  for (const child of children) {
    if (child.type === "paragraph" || child.type === "heading")
      parts.push(inlineText(child.children));
  }
  return collapse(parts.join(" "));
}

/** Our marker in a list item's own content (inline HTML of its paragraphs, or an HTML block). */
export function markerIn(children: readonly Nodes[]): string | null {
  for (const child of children) {
    if (child.type === "html") {
      const found = MARKER.exec(child.value);
      if (found) return found[1] ?? null;
    }
    if (child.type === "paragraph") {
      for (const inline of child.children) {
        if (inline.type !== "html") continue;
        const found = MARKER.exec(inline.value);
        if (found) return found[1] ?? null;
      }
    }
  }
  return null;
}

/** How far an HTML fragment moves the `<details>` nesting (comments ignored). */
export function detailsDelta(html: string): number {
  let delta = 0;
  for (const match of html.replace(COMMENT, "").matchAll(DETAILS_TAG)) {
    delta += match[1] === "/" ? -1 : 1;
  }
  return delta;
}
