// The one way to build text the tool sends to GitLab: notes and their edits, issue and merge
// request titles and descriptions, comments, commit messages. GitLab acts on that text as the
// bot: a line "/close" runs (lib/gitlab/quick_actions/extractor.rb, in notes, note edits and
// descriptions), "@all" notifies, "#12", "!3", "~x", "%m", "&4", "$5", "^alert#6",
// "*iteration:7", "[vulnerability:8]" and issue URLs create cross-reference notes, "<!--" hides
// the rest of the note (and could forge or break our hidden markers), "![](https://...)" loads a
// remote image in every reader's browser.
//
// So every value that is not a literal of this source code goes through one of the helpers below,
// which make it inert, and the result is typed `SafeMarkdown` (a string only these helpers
// produce). The posting ports (IssueStore, IssueLifecycle, ReleasePort) take only that type, and
// check at run time that no line can start a quick action (guardForGitLab).

declare const SAFE: unique symbol;
/** Markdown in which every interpolated value is inert. Only this module makes one. */
export type SafeMarkdown = string & { readonly [SAFE]: "markdown" };
/** A value or line for a commit message (see plain()). */
export type SafePlainText = string & { readonly [SAFE]: "plain" };
/** A whole commit message made of SafePlainText lines. */
export type SafeCommitMessage = string & { readonly [SAFE]: "commit" };

const ZWSP = "\u200b";

// Every character that ends a line for someone (CommonMark, Ruby, JavaScript, Unicode, terminals),
// other C0/C1 controls, and the bidirectional overrides that make text read differently from
// what it is: all become one space, so a value is always one line of plain characters.
const FOLDED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function fold(value: string): string {
  return value.replace(FOLDED, " ").replace(/ {2,}/g, " ").trim();
}

// Inline escapes. A backslash stops markdown syntax (emphasis, code, links, tables, math); a
// zero-width space after a character stops GitLab's reference and mention filters, which run on
// the text after markdown (a backslash alone would not stop "\#12": its text is still "#12").
const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "`": "\\`",
  "*": `\\*${ZWSP}`,
  _: "\\_",
  "[": `\\[${ZWSP}`,
  "]": "\\]",
  "|": "\\|",
  "~": `\\~${ZWSP}`,
  $: `\\$${ZWSP}`,
  "<": "&lt;",
  ">": "&gt;",
  "&": `&${ZWSP}`,
  "@": `@${ZWSP}`,
  "#": `#${ZWSP}`,
  "!": `!${ZWSP}`,
  "%": `%${ZWSP}`,
  "^": `^${ZWSP}`,
};
const ESCAPED = /[\\`*_[\]|~$<>&@#!%^]/g;

function escapeInline(text: string): string {
  return (
    text
      .replace(ESCAPED, (c) => ESCAPES[c]!)
      // Autolinks: "https://..." and "www...." would become links (and an issue URL a
      // cross-reference); a zero-width space keeps them readable text.
      .replace(/:\/\//g, `:${ZWSP}//`)
      .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`)
      // Never "/cmd" at the start, wherever the value lands (md() adds more at a line start).
      .replace(/^\//, "\\/")
  );
}

function cut(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** Any text (from people, GitLab, errors, config) as inert inline markdown on one line. */
export function inline(value: string, max?: number): SafeMarkdown {
  return escapeInline(cut(fold(value), max)) as SafeMarkdown;
}

/**
 * A value as a code span that nothing inside can end: the fence is one backtick longer than any
 * run inside. In a table cell a "|" would still end the cell, so it is escaped there (GFM
 * removes the backslash inside the cell's code span).
 */
export function code(value: string, where: "text" | "table" = "text"): SafeMarkdown {
  let text = breakComments(fold(value));
  if (text === "") return "" as SafeMarkdown;
  if (where === "table") text = text.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}` as SafeMarkdown;
}

/**
 * Text of ours that marks code with single backticks ("set `my_flag` to true", a plan's summary)
 * but may carry values from anywhere: each `...` part becomes a code span, the rest inline text.
 */
export function inlineWithCode(value: string, max?: number): SafeMarkdown {
  const text = cut(fold(value), max);
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? code(part.slice(1, -1)) : escapeInline(part)))
    .join("") as SafeMarkdown;
}

/**
 * A link to a web page we name (a job, a pipeline, an issue, a file): only http(s), with the
 * characters that could end the destination or start markup percent-encoded.
 */
export function link(text: SafeMarkdown, url: string | undefined): SafeMarkdown {
  const href = url === undefined ? undefined : safeUrl(url);
  return (href ? `[${text}](${href})` : text) as SafeMarkdown;
}

/**
 * A bare URL we name (GitLab autolinks it), or the URL as inert text when it is not http(s) or,
 * given `home`, not on that instance (a URL read from an answer must not point elsewhere).
 */
export function url(value: string, home?: string): SafeMarkdown {
  const href = safeUrl(value);
  if (!href || (home !== undefined && new URL(href).origin !== originOf(home)))
    return inline(value);
  // A bare URL is text to markdown: one holding a reference or mention character ("%7B", "#L2",
  // "@") is written as a link with an escaped label, so only the destination holds them.
  return (/^[A-Za-z0-9:/._?=-]+$/.test(href) ? href : `[${inline(href)}](${href})`) as SafeMarkdown;
}

function originOf(base: string): string | undefined {
  try {
    return new URL(base).origin;
  } catch {
    return undefined;
  }
}

function safeUrl(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  if (parsed.username || parsed.password) return undefined;
  return parsed.href.replace(
    /[()<>\s|"'\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** Text written in this source code (a table header, a sentence): trusted as it is. */
export function ours(text: string): SafeMarkdown {
  return text as SafeMarkdown;
}

/** A number as text. */
export function num(value: number): SafeMarkdown {
  return (Number.isFinite(value) ? String(value) : "?") as SafeMarkdown;
}

/**
 * A template whose literal parts are ours and whose every value is already safe: plain strings
 * do not type-check here, so each must go through inline(), code(), link() or url() first.
 */
export function md(strings: TemplateStringsArray, ...values: SafeMarkdown[]): SafeMarkdown {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += (out === "" || out.endsWith("\n") ? atLineStart(value) : value) + (strings[i + 1] ?? "");
  });
  return out as SafeMarkdown;
}

/** A value that starts a line must not start a block: "- item", "1. item", "+", "=", "#". */
function atLineStart(value: SafeMarkdown): string {
  return value.replace(/^[+=#-]/, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2");
}

/** Lines (or groups of lines) joined with "\n". */
export function lines(...parts: Array<SafeMarkdown | readonly SafeMarkdown[]>): SafeMarkdown {
  return parts.flat().join("\n") as SafeMarkdown;
}

/** Joins inline pieces with a separator of ours. */
export function join(parts: readonly SafeMarkdown[], separator: string): SafeMarkdown {
  return parts.join(separator) as SafeMarkdown;
}

/** A fenced code block: its lines cannot close the fence, start a comment or break a line. */
export function codeBlock(info: string, body: readonly string[]): SafeMarkdown {
  const content = body.map((line) => breakComments(line.replace(FOLDED, " ")));
  const longest = Math.max(2, ...content.flatMap((l) => l.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${info.replace(/[^a-z0-9_-]/gi, "")}`, ...content, fence].join(
    "\n",
  ) as SafeMarkdown;
}

// Inside code, "<!--" and "-->" are shown as text, but our markers are found in the raw text:
// a zero-width space keeps a value from forging one or swallowing the real one.
function breakComments(text: string): string {
  return text.replace(/<!--/g, `<!${ZWSP}--`).replace(/--!?>/g, (m) => `--${ZWSP}${m.slice(2)}`);
}

/**
 * A hidden marker `<!-- label parts... -->`. The label is ours ("ff-rollout:eta"); parts are
 * identifiers (flag names, digests): any other character, and a "-" before another, is
 * percent-encoded, so a part can never contain "--", ">" or a line break.
 */
export function hiddenMarker(label: string, ...parts: string[]): SafeMarkdown {
  const words = parts.map((p) =>
    p
      .replace(/[^A-Za-z0-9_.:-]/g, (c) => encodeURIComponent(c).replace(/[!'()*~]/g, hexOf))
      .replace(/-(?=-)/g, "%2D"),
  );
  return `<!-- ${[label.replace(/[^a-z0-9:-]/g, ""), ...words].join(" ")} -->` as SafeMarkdown;
}

function hexOf(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * JSON in a hidden marker: `<!-- label {...} -->`. "<", ">", "&", "--", C1 controls (U+0085 ends
 * a line for some readers) and the Unicode line separators are written as \u escapes (they can only occur inside JSON strings, where JSON.parse
 * reads them back), so nothing in the data can end the comment or open another.
 */
export function jsonMarker(label: string, value: unknown): SafeMarkdown {
  const json = JSON.stringify(value)
    .replace(
      /[<>&\u007f-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .replace(/--/g, "-\\u002d");
  return `<!-- ${label.replace(/[^A-Za-z0-9_.:-]/g, "")} ${json} -->` as SafeMarkdown;
}

// Commit messages are plain text to git, but GitLab links what they name and records a
// cross-reference on each issue or MR they mention: values lose their line breaks and get a
// zero-width space after each reference or mention character, and no markdown escaping.
const PLAIN_REFERENCE = /[@#!~%&$^*[<]/g;

/** A value for a commit message: one line, mentioning and referencing nothing. */
export function plain(value: string): SafePlainText {
  return fold(value)
    .replace(PLAIN_REFERENCE, `$&${ZWSP}`)
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`)
    .replace(/^\//, `${ZWSP}/`)
    .replace(/:\/\//g, `:${ZWSP}//`) as SafePlainText;
}

/** A commit message line of ours with plain values. */
export function commitLine(strings: TemplateStringsArray, ...values: SafePlainText[]) {
  return md(strings, ...(values as string[] as SafeMarkdown[])) as string as SafePlainText;
}

/** The lines of a commit message (subject, blank, body, trailers). */
export function commitMessage(...parts: SafePlainText[]): SafeCommitMessage {
  return parts.join("\n") as SafeCommitMessage;
}

/** A description GitLab stored, changed by us only in its task boxes (see storedDescription). */
export type StoredDescription = string & { readonly [SAFE]: "stored" };

/**
 * The rollout issue's own description with boxes ticked. Not ours to escape: it is a person's
 * text, and GitLab's quick-action pass already ran over it when it was stored (commands were
 * executed and removed then, and "\r" deleted), so sending it back runs nothing new. Flipping
 * "[ ]" to "[x]" cannot create a command line.
 */
export function storedDescription(ticked: string): StoredDescription {
  return ticked as StoredDescription;
}
