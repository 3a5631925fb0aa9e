// Splitting a large description into independently parseable pieces.
//
// Why: micromark (under mdast-util-from-markdown) slows down more than linearly on one big
// document (about 12 s for 1 MiB of checklist here), while the same text parsed in pieces of a
// few KiB takes about 0.7 s. A piece boundary is only placed where CommonMark starts a new
// top-level block whatever came before: a line that begins in column 0 after a blank line,
// outside a fenced code block and outside an HTML block that runs to an end marker (comments,
// `<pre>`, `<script>`, ...). Lists, block quotes, paragraphs and `<details>`-style HTML blocks
// all end at such a line. The scan errs towards not splitting: when in doubt it stays "inside".
// It never splits before a fenced code block, which the item above may introduce ("... run:").

export interface Piece {
  start: number;
  end: number;
  /** 1-based line number of `start`. */
  line: number;
}

const HTML_ENDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^<(?:pre|script|style|textarea)(?:[\s>]|$)/i, "</"],
  [/^<!--/, "-->"],
  [/^<\?/, "?>"],
  [/^<!\[CDATA\[/, "]]>"],
  [/^<![A-Za-z]/, ">"],
];
const FENCE_OPEN = /^( *)(`{3,}|~{3,})(.*)$/;

type ScanState =
  | { kind: "flow" }
  | { kind: "fence"; char: string; length: number; maxIndent: number }
  | { kind: "html"; end: string; closing: RegExp | null };

export interface Split {
  pieces: Piece[];
  /**
   * Link reference definitions (`[main-issue]: https://...`) apply document-wide, so each piece
   * gets them appended; without them a reference in another piece would stay literal text.
   */
  definitions: string[];
}

const DEFINITION = /^ {0,3}\[([^\]]+)\]:[ \t]*\S/;

/** Splits `text` into pieces of at least `minSize` characters at safe block boundaries. */
export function splitIntoPieces(text: string, minSize: number): Split {
  const pieces: Piece[] = [];
  const definitions = new Map<string, string>();
  let state: ScanState = { kind: "flow" };
  let pieceStart = 0;
  let pieceLine = 1;
  let previousBlank = true;
  let lineNumber = 1;
  for (let start = 0; start < text.length; lineNumber++) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const line =
      text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    if (state.kind === "flow") {
      const first = line.charCodeAt(0);
      const startsInColumnZero = line.length > 0 && first !== 32 && first !== 9;
      // Not before a code block either: it may hold the command of the item above it.
      const opensFence = first === 96 || first === 126; // ` or ~
      if (previousBlank && startsInColumnZero && !opensFence && start - pieceStart >= minSize) {
        pieces.push({ start: pieceStart, end: start, line: pieceLine });
        pieceStart = start;
        pieceLine = lineNumber;
      }
      state = openedBlock(line);
      const definition = DEFINITION.exec(line);
      const label = definition?.[1]?.trim().toLowerCase();
      if (label && !definitions.has(label)) definitions.set(label, line);
    } else {
      state = continuedBlock(state, line);
    }
    previousBlank = line.trim() === "";
    start = newline === -1 ? text.length : newline + 1;
  }
  if (pieceStart < text.length || pieces.length === 0) {
    pieces.push({ start: pieceStart, end: text.length, line: pieceLine });
  }
  return { pieces, definitions: [...definitions.values()] };
}

function openedBlock(line: string): ScanState {
  const fence = FENCE_OPEN.exec(line);
  if (fence) {
    const [, indent = "", marks = "", info = ""] = fence;
    const char = marks.charAt(0);
    // A backtick fence's info string cannot contain a backtick (then it is inline code).
    if (!(char === "`" && info.includes("`"))) {
      // Closers of a fence that may be top-level must be indented at most 3 columns, so that
      // indented content such as "      ```" is not mistaken for one.
      const maxIndent = indent.length <= 3 ? 3 : indent.length + 3;
      return { kind: "fence", char, length: marks.length, maxIndent };
    }
  }
  const trimmed = line.trimStart();
  if (line.length - trimmed.length > 3) return { kind: "flow" };
  for (const [opener, end] of HTML_ENDS) {
    if (!opener.test(trimmed)) continue;
    const closing = end === "</" ? /<\/(?:pre|script|style|textarea)>/i : null;
    return continuedBlock({ kind: "html", end, closing }, trimmed.slice(2));
  }
  return { kind: "flow" };
}

function continuedBlock(state: ScanState, line: string): ScanState {
  if (state.kind === "fence") {
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    if (indent > state.maxIndent) return state;
    let run = 0;
    while (trimmed.charAt(run) === state.char) run++;
    const closes = run >= state.length && trimmed.slice(run).trim() === "";
    return closes ? { kind: "flow" } : state;
  }
  if (state.kind === "html") {
    const ends = state.closing ? state.closing.test(line) : line.includes(state.end);
    return ends ? { kind: "flow" } : state;
  }
  return state;
}
