// The text the matcher reads from a paragraph or heading: inline code keeps its backticks
// (commands are found by them), markup is dropped, images give their alt text, breaks and
// inline HTML become spaces. Also the paragraph's inline HTML, for markers and `<details>`.
//
// Most item texts are words, code spans and our marker comments only, so those are read
// directly (`plainText`); markdown-it's inline parser runs only when other markup may be present. Both paths give
// what CommonMark (and the mdast text of the earlier micromark parser) gives.

import type { Token } from "markdown-it";
import { type InlineEnv, md } from "./blocks.js";

export interface InlineContent {
  /** The text, whitespace not yet collapsed. */
  text: string;
  /** Raw inline HTML (tags, comments) directly in the paragraph, not inside links or emphasis. */
  html: readonly string[];
}

const NO_HTML: readonly string[] = [];
/** Characters that may start markup other than a code span: escapes, entities, emphasis, links, images, autolinks, HTML. */
const MARKUP_OR_CODE = /[`\\&*_[<]/g;
const BACKTICK = 96;
const LESS_THAN = 60;

/**
 * The reader of one description's inline content. It remembers what markdown-it's inline
 * parser read: descriptions repeat their texts ("Enable on staging" in several sections,
 * pasted templates), and a read depends only on the content and the description's reference
 * definitions (`env`). Plain texts are not remembered: reading them is cheaper than looking
 * them up. The reads are shared, so they must not be changed.
 */
export function inlineReader(env: InlineEnv): (content: string) => InlineContent {
  const parsed = new Map<string, InlineContent>();
  return (content) => {
    const plain = plainText(content);
    if (plain) return plain;
    let read = parsed.get(content);
    if (read === undefined) {
      read = parsedInline(content, env);
      parsed.set(content, read);
    }
    return read;
  };
}

/**
 * Text of content that has no markup but code spans and plain HTML comments (our markers);
 * undefined when it may have other markup.
 */
function plainText(content: string): InlineContent | undefined {
  let text = "";
  let from = 0;
  let html: string[] | undefined;
  MARKUP_OR_CODE.lastIndex = 0;
  // `test` rather than `exec`: no match object to allocate; each match is one character.
  while (MARKUP_OR_CODE.test(content)) {
    const at = MARKUP_OR_CODE.lastIndex - 1;
    if (content.charCodeAt(at) === LESS_THAN) {
      const end = commentEnd(content, at);
      if (end === -1) return undefined;
      html ??= [];
      html.push(content.slice(at, end));
      text += `${content.slice(from, at)} `; // HTML reads as a space
      from = end;
      MARKUP_OR_CODE.lastIndex = end;
      continue;
    }
    if (content.charCodeAt(at) !== BACKTICK) return undefined;
    let after = at + 1;
    while (content.charCodeAt(after) === BACKTICK) after++;
    const close = closingRun(content, after, after - at);
    if (close === -1) {
      // An unmatched backtick run is literal text; a later, shorter run may still open a span.
      MARKUP_OR_CODE.lastIndex = after;
      continue;
    }
    text += `${content.slice(from, at)}\`${codeSpan(content.slice(after, close))}\``;
    from = close + (after - at);
    MARKUP_OR_CODE.lastIndex = from;
  }
  return { text: text + content.slice(from), html: html ?? NO_HTML };
}

/**
 * End of the HTML comment at `at`, or -1. Only comments that every CommonMark version reads
 * alike: `<!--`, text without `--`, not starting with `>` or `->` nor ending with `-`, `-->`.
 */
function commentEnd(content: string, at: number): number {
  if (!content.startsWith("<!--", at)) return -1;
  const close = content.indexOf("-->", at + 4);
  if (close === -1) return -1;
  const inside = content.slice(at + 4, close);
  if (inside.includes("--") || inside.startsWith(">") || inside.startsWith("->")) return -1;
  return inside.endsWith("-") ? -1 : close + 3;
}

/** Start of the next run of exactly `length` backticks from `from`, or -1. */
function closingRun(content: string, from: number, length: number): number {
  for (let start = content.indexOf("`", from); start !== -1; ) {
    let end = start + 1;
    while (content.charCodeAt(end) === BACKTICK) end++;
    if (end - start === length) return start;
    start = content.indexOf("`", end);
  }
  return -1;
}

/** A code span's content: line endings become spaces, one padding space is stripped (CommonMark 6.1). */
function codeSpan(raw: string): string {
  const value = raw.replace(/\n/g, " ");
  const padded = value.length > 2 && value.startsWith(" ") && value.endsWith(" ");
  return padded && value.trim() !== "" ? value.slice(1, -1) : value;
}

function parsedInline(content: string, env: InlineEnv): InlineContent {
  const tokens: Token[] = [];
  md.inline.parse(content, md, env, tokens);
  let text = "";
  const html: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "text_special": // an escaped character or a decoded entity
        text += token.content;
        break;
      case "code_inline":
        text += `\`${token.content}\``;
        break;
      case "softbreak":
        text += "\n";
        break;
      case "hardbreak":
        text += " ";
        break;
      case "html_inline":
        text += " ";
        if (depth === 0) html.push(token.content);
        break;
      case "image":
        text += altText(token.children ?? []);
        break;
      default:
        break;
    }
    // Levels on markdown-it's tokens are not updated for emphasis; nesting is.
    depth += token.nesting;
  }
  return { text, html };
}

/**
 * An image's alt text as mdast gives it (mdast-util-to-string): code without backticks, HTML as
 * written, and a hard break as nothing at all.
 */
function altText(tokens: readonly Token[]): string {
  let alt = "";
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "text_special":
      case "code_inline":
      case "html_inline":
        alt += token.content;
        break;
      case "softbreak":
        alt += "\n";
        break;
      case "image":
        alt += altText(token.children ?? []);
        break;
      default:
        break;
    }
  }
  return alt;
}
