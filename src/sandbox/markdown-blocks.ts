// Which lines of a Markdown text are top-level paragraphs. GitLab looks for quick actions only
// there (Banzai::Filter::QuickActionFilter keeps the `p` children of the document root), so
// a `/close` line inside a code block, a list item (even as a lazy continuation line), a
// block quote, an HTML block or a heading is text, not a command. This is a CommonMark block
// scanner reduced to what decides that; it does not build a tree.

export interface LineRange {
  /** 0-based, inclusive. */
  start: number;
  end: number;
}

const isBlank = (line: string) => /^[ \t]*$/.test(line);

function indentOf(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === " ") width += 1;
    else if (char === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;
/** GitLab's own multi-line quote fence (BlockquoteFenceLegacyFilter). */
const LEGACY_QUOTE_FENCE = /^>>>[ \t]*$/;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)(.*)$/;
const HTML_BLOCK_TAGS =
  "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul";

interface HtmlStart {
  /** Ends on the line that contains this, or at a blank line when undefined. */
  end?: RegExp;
  /** Type 7 (any complete tag) cannot interrupt a paragraph. */
  canInterrupt: boolean;
}

function htmlBlockStart(line: string): HtmlStart | undefined {
  const text = line.replace(/^ {0,3}/, "");
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(text)) {
    return { end: /<\/(?:script|pre|style|textarea)>/i, canInterrupt: true };
  }
  if (text.startsWith("<!--")) return { end: /-->/, canInterrupt: true };
  if (text.startsWith("<?")) return { end: /\?>/, canInterrupt: true };
  if (/^<![A-Za-z]/.test(text)) return { end: />/, canInterrupt: true };
  if (text.startsWith("<![CDATA[")) return { end: /\]\]>/, canInterrupt: true };
  if (new RegExp(`^</?(?:${HTML_BLOCK_TAGS})(?:[\\s>]|/>|$)`, "i").test(text))
    return { canInterrupt: true };
  const attribute = `\\s+[A-Za-z_:][\\w.:-]*(?:\\s*=\\s*(?:[^\\s"'=<>\`]+|'[^']*'|"[^"]*"))?`;
  const openTag = `<[A-Za-z][A-Za-z0-9-]*(?:${attribute})*\\s*/?>`;
  if (new RegExp(`^(?:${openTag}|</[A-Za-z][A-Za-z0-9-]*\\s*>)[ \\t]*$`).test(text))
    return { canInterrupt: false };
  return undefined;
}

/** Does this line start a block that ends a paragraph (or a lazy continuation)? */
function interruptsParagraph(line: string): boolean {
  if (
    FENCE.test(line) ||
    ATX_HEADING.test(line) ||
    THEMATIC_BREAK.test(line) ||
    BLOCKQUOTE.test(line)
  ) {
    return true;
  }
  if (htmlBlockStart(line)?.canInterrupt) return true;
  const item = LIST_ITEM.exec(line);
  // Only a non-empty bullet, or an ordered item numbered 1, may interrupt a paragraph.
  return (
    item !== null &&
    (item[4] ?? "").trim() !== "" &&
    (/^[-+*]$/.test(item[2] ?? "") || /^1[.)]$/.test(item[2] ?? ""))
  );
}

function skipFence(lines: string[], i: number, fence: string): number {
  const char = fence[0] ?? "`";
  const close = new RegExp(`^ {0,3}\\${char}{${fence.length},}[ \\t]*$`);
  let j = i + 1;
  while (j < lines.length && !close.test(lines[j] ?? "")) j++;
  return Math.min(j + 1, lines.length);
}

function skipContainer(lines: string[], i: number, belongs: (line: string) => boolean): number {
  let j = i + 1;
  let lastWasText = true;
  while (j < lines.length) {
    const line = lines[j] ?? "";
    if (isBlank(line)) break;
    if (belongs(line)) {
      lastWasText = true;
      j++;
    } else if (lastWasText && !interruptsParagraph(line) && !LIST_ITEM.test(line)) {
      j++; // lazy continuation of the container's paragraph
    } else {
      break;
    }
  }
  return j;
}

function skipList(lines: string[], i: number): number {
  const contentIndent = (line: string): number => {
    const item = LIST_ITEM.exec(line);
    if (!item) return 0;
    const spaces = (item[3] ?? "").length;
    const pad = spaces === 0 || spaces > 4 || (item[4] ?? "") === "" ? 1 : spaces;
    return (item[1] ?? "").length + (item[2] ?? "").length + pad;
  };
  let indent = contentIndent(lines[i] ?? "");
  let j = i + 1;
  let previousBlank = false;
  while (j < lines.length) {
    const line = lines[j] ?? "";
    if (isBlank(line)) {
      previousBlank = true;
      j++;
      continue;
    }
    if (indentOf(line) >= indent) {
      previousBlank = false;
      j++;
    } else if (LIST_ITEM.test(line)) {
      indent = contentIndent(line);
      previousBlank = false;
      j++;
    } else if (!previousBlank && !interruptsParagraph(line)) {
      j++; // lazy continuation
    } else {
      break;
    }
  }
  // Trailing blank lines are not part of the list.
  while (j > i + 1 && isBlank(lines[j - 1] ?? "")) j--;
  return j;
}

export function topLevelParagraphs(content: string): LineRange[] {
  const lines = content.split("\n");
  const paragraphs: LineRange[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (isBlank(line)) {
      i++;
      continue;
    }
    if (indentOf(line) >= 4) {
      // Indented code: runs while lines are indented or blank.
      while (i < lines.length && (isBlank(lines[i] ?? "") || indentOf(lines[i] ?? "") >= 4)) i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]?.startsWith("`") && (fence[2] ?? "").includes("`"))) {
      i = skipFence(lines, i, fence[1] ?? "```");
      continue;
    }
    if (ATX_HEADING.test(line) || THEMATIC_BREAK.test(line)) {
      i++;
      continue;
    }
    if (LEGACY_QUOTE_FENCE.test(line)) {
      let j = i + 1;
      while (j < lines.length && !LEGACY_QUOTE_FENCE.test(lines[j] ?? "")) j++;
      i = j + 1;
      continue;
    }
    if (BLOCKQUOTE.test(line)) {
      i = skipContainer(lines, i, (next) => BLOCKQUOTE.test(next));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      i = skipList(lines, i);
      continue;
    }
    const html = htmlBlockStart(line);
    if (html) {
      let j = i;
      if (html.end) {
        while (j < lines.length && !html.end.test(lines[j] ?? "")) j++;
        i = j + 1;
      } else {
        while (j < lines.length && !isBlank(lines[j] ?? "")) j++;
        i = j;
      }
      continue;
    }
    // A paragraph: runs until a blank line or a block that can interrupt it.
    const start = i;
    let heading = false;
    i++;
    while (i < lines.length) {
      const next = lines[i] ?? "";
      if (isBlank(next)) break;
      if (SETEXT_UNDERLINE.test(next)) {
        heading = true; // the paragraph was a setext heading's text
        i++;
        break;
      }
      if (interruptsParagraph(next)) break;
      i++;
    }
    if (!heading) paragraphs.push({ start, end: i - 1 });
  }
  return paragraphs;
}
