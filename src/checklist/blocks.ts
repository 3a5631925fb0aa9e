// The block structure of a description: markdown-it's CommonMark block parse.
//
// Why markdown-it: it parses in linear time, about 15 ms for GitLab's 1 MiB limit here, where
// micromark took 0.7 s. Only the block pass runs on the whole text; inline parsing is done
// later and only for the text we read (see inline-text.ts), which is most of the saving.
//
// markdown-it's tokens (some 60,000 objects for 1 MiB) are copied at once into a few typed
// arrays and dropped, which spares the garbage collector copying them during the walk. Blocks
// keep the tokens' flat order; `close` gives each block's extent, so that siblings can be
// stepped over.

import MarkdownIt from "markdown-it";
import { fixCommonMarkConformance } from "./commonmark-fixes.js";

/** Reference definitions found by the block pass; inline parsing needs them for `[text][label]`. */
export type InlineEnv = Record<string, unknown>;

/** What a token is, as far as the walk cares. */
export const Kind = {
  other: 0,
  paragraph: 1,
  heading: 2,
  bulletList: 3,
  orderedList: 4,
  listItem: 5,
  blockquote: 6,
  fence: 7,
  codeBlock: 8,
  htmlBlock: 9,
} as const;

function kindOf(type: string): number {
  // A switch on the type strings is several times faster than a lookup table here.
  switch (type) {
    case "paragraph_open":
      return Kind.paragraph;
    case "heading_open":
      return Kind.heading;
    case "bullet_list_open":
      return Kind.bulletList;
    case "ordered_list_open":
      return Kind.orderedList;
    case "list_item_open":
      return Kind.listItem;
    case "blockquote_open":
      return Kind.blockquote;
    case "fence":
      return Kind.fence;
    case "code_block":
      return Kind.codeBlock;
    case "html_block":
      return Kind.htmlBlock;
    default:
      return Kind.other;
  }
}

/** The tokens of a description, by index, in markdown-it's order. */
export interface Blocks {
  count: number;
  kind: Uint8Array;
  /** Index of the token that closes each token (its own index for a leaf). */
  close: Int32Array;
  /** 0-based first line of a block, and the line after its last; -1 where unknown. */
  startLine: Int32Array;
  endLine: Int32Array;
  /** Level of a heading (1-6). */
  headingLevel: Uint8Array;
  /** Raw inline text of a paragraph or heading; content of a code or HTML block; else "". */
  content: string[];
  env: InlineEnv;
}

export const md = MarkdownIt("commonmark");
// The preset's 20 levels would silently drop lists nested more than about six deep (the option
// is missing from @types/markdown-it).
Object.assign(md.options, { maxNesting: 1000 });
// Inline parsing happens on demand, per paragraph or heading we read.
md.core.ruler.disable(["inline", "text_join"]);
// markdown-it's own normalisation rewrites every "\n" to "\n" (and looks for NULs the same
// way), copying 1 MiB twice; the same result, done only when there is something to change.
md.core.ruler.at("normalize", (state) => {
  let src = state.src;
  if (src.includes("\r")) src = src.replace(/\r\n?/g, "\n");
  if (src.includes("\0")) src = src.replace(/\0/g, "\uFFFD");
  state.src = src;
});
// Item text must be what the source says: markdown-it would drop links it deems unsafe
// (`javascript:`) and percent-decode autolink text, which CommonMark (and GitLab's parser)
// keep as written.
md.validateLink = () => true;
md.normalizeLinkText = (url) => url;
// Link destinations are never read; normalising them (URL parsing, punycode) is wasted time.
md.normalizeLink = (url) => url;
fixCommonMarkConformance(md);

export function parseBlocks(markdown: string): Blocks {
  const env: InlineEnv = {};
  const tokens = md.parse(markdown, env);
  const count = tokens.length;
  const blocks: Blocks = {
    count,
    kind: new Uint8Array(count),
    close: new Int32Array(count),
    startLine: new Int32Array(count),
    endLine: new Int32Array(count),
    headingLevel: new Uint8Array(count),
    content: new Array<string>(count).fill(""),
    env,
  };
  const open: number[] = [];
  for (let i = 0; i < count; i++) {
    const token = tokens[i];
    if (!token) continue;
    const kind = kindOf(token.type);
    blocks.kind[i] = kind;
    blocks.close[i] = i;
    blocks.startLine[i] = token.map?.[0] ?? -1;
    blocks.endLine[i] = token.map?.[1] ?? -1;
    if (token.nesting === 1) open.push(i);
    else if (token.nesting === -1) blocks.close[open.pop() ?? i] = i;
    if (kind === Kind.paragraph || kind === Kind.heading) {
      blocks.content[i] = tokens[i + 1]?.content ?? "";
      if (kind === Kind.heading) blocks.headingLevel[i] = Number(token.tag.slice(1));
    } else if (kind !== Kind.other) {
      blocks.content[i] = token.content;
    }
  }
  return blocks;
}
