// The README's sections and GitLab's anchors for them, for its table of contents.

/** GitLab's heading anchor: lowercase, punctuation dropped, spaces to hyphens, runs of hyphens to one. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\s-]/gu, "")
    .replace(/\s/g, "-")
    .replace(/-+/g, "-");
}

/** The `##` to `####` headings outside code blocks, with their level. */
export function headings(markdown: string): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const match = !fenced && /^(#{2,4}) (.+)$/.exec(line);
    if (match) out.push({ level: match[1]?.length ?? 2, text: match[2] ?? "" });
  }
  return out;
}

/** The table of contents: one line per `##` and `###` section, indented under its part. */
export function tableOfContents(markdown: string): string {
  return headings(markdown)
    .filter((h) => h.level <= 3 && h.text !== "Contents")
    .map((h) => `${h.level === 3 ? "  " : ""}- [${h.text}](#${anchor(h.text.replace(/`/g, ""))})`)
    .join("\n");
}
