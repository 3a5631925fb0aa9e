// The block structure of a description: markdown-it's CommonMark block parse.
//
// Why markdown-it: it parses in linear time, about 15 ms for GitLab's 1 MiB limit here, where
// micromark took 0.7 s. Only the block pass runs on the whole text; inline parsing is done
// later and only for the text we read (see inline-text.ts), which is most of the saving.
//
// markdown-it's tokens (some 60,000 objects for 1 MiB) are copied into a few typed arrays and
// dropped as soon as each top-level block is parsed (see `streamTopLevelBlocks`), which spares
// the garbage collector copying them. Blocks keep the tokens' flat order; `close` gives each
// block's extent, so that siblings can be stepped over.

import MarkdownIt, { type Token } from "markdown-it";
import { blockRules, fixCommonMarkConformance } from "./commonmark-fixes.js";
import { useFastLineMarks } from "./line-marks.js";

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
useFastLineMarks(md);
fixCommonMarkConformance(md);

/**
 * Receives the tokens of each top-level block as soon as the block is parsed; set for the
 * duration of one parse (parsing is synchronous).
 */
let sink: ((tokens: readonly Token[]) => void) | undefined;

/**
 * Hands each top-level block's tokens to `sink` as soon as its rule returns, and drops them
 * from markdown-it's token list. markdown-it would keep every token to the end of the parse,
 * and the garbage collector would copy them all, some of them twice; dropped early, they die
 * young, which costs it nothing. A block's tokens are final when its rule returns: no rule
 * looks back at an earlier block's tokens, and the core rules after the block pass are off
 * (inline, text_join) or do nothing with the commonmark preset (linkify, typographer).
 */
function streamTopLevelBlocks(parser: MarkdownIt): void {
  for (const { name, fn, alt } of blockRules(parser)) {
    const rule: typeof fn = (state, startLine, endLine, silent) => {
      if (!fn(state, startLine, endLine, silent)) return false;
      // Level 0 once a rule is done: it parsed a top-level block (a nested block's rule
      // returns inside the container's open token, at level 1 or more).
      if (!silent && state.level === 0 && sink) {
        sink(state.tokens);
        state.tokens.length = 0;
      }
      return true;
    };
    parser.block.ruler.at(name, rule, { alt });
  }
}
streamTopLevelBlocks(md);

export function parseBlocks(markdown: string): Blocks {
  const env: InlineEnv = {};
  const builder = new BlocksBuilder(markdown.length);
  sink = (tokens) => builder.add(tokens);
  try {
    builder.add(md.parse(markdown, env)); // whatever no rule handed over (nothing, normally)
  } finally {
    sink = undefined;
  }
  return builder.done(env);
}

/** Blocks, added a top-level block's tokens at a time, in typed arrays that grow as needed. */
class BlocksBuilder {
  private count = 0;
  private kind: Uint8Array;
  private close: Int32Array;
  private startLine: Int32Array;
  private endLine: Int32Array;
  private headingLevel: Uint8Array;
  private readonly content: string[] = [];
  /** Indexes of the tokens opened and not yet closed. */
  private readonly open: number[] = [];

  constructor(textLength: number) {
    // About one token for every 16 characters of a checklist; the arrays double when short.
    const capacity = 64 + (textLength >> 3);
    this.kind = new Uint8Array(capacity);
    this.close = new Int32Array(capacity);
    this.startLine = new Int32Array(capacity);
    this.endLine = new Int32Array(capacity);
    this.headingLevel = new Uint8Array(capacity);
  }

  add(tokens: readonly Token[]): void {
    if (this.count + tokens.length > this.kind.length) this.grow(this.count + tokens.length);
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t];
      if (!token) continue;
      const i = this.count++;
      const kind = kindOf(token.type);
      this.kind[i] = kind;
      this.close[i] = i;
      this.startLine[i] = token.map?.[0] ?? -1;
      this.endLine[i] = token.map?.[1] ?? -1;
      if (token.nesting === 1) this.open.push(i);
      else if (token.nesting === -1) this.close[this.open.pop() ?? i] = i;
      let content = "";
      if (kind === Kind.paragraph || kind === Kind.heading) {
        content = tokens[t + 1]?.content ?? "";
        if (kind === Kind.heading) this.headingLevel[i] = Number(token.tag.slice(1));
      } else if (kind !== Kind.other) {
        content = token.content;
      }
      this.content.push(content);
    }
  }

  /** The blocks, each array exactly `count` long (views, not copies). */
  done(env: InlineEnv): Blocks {
    const { count, content } = this;
    return {
      count,
      kind: this.kind.subarray(0, count),
      close: this.close.subarray(0, count),
      startLine: this.startLine.subarray(0, count),
      endLine: this.endLine.subarray(0, count),
      headingLevel: this.headingLevel.subarray(0, count),
      content,
      env,
    };
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, this.kind.length * 2);
    this.kind = resized(this.kind, new Uint8Array(capacity));
    this.close = resized(this.close, new Int32Array(capacity));
    this.startLine = resized(this.startLine, new Int32Array(capacity));
    this.endLine = resized(this.endLine, new Int32Array(capacity));
    this.headingLevel = resized(this.headingLevel, new Uint8Array(capacity));
  }
}

function resized<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
