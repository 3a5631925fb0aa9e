// What GitLab would act on in a text the tool sends, judged independently of src/report/
// safe-markdown.ts: written from GitLab's rules, not from the renderer's code.
//
// Quick actions (lib/gitlab/quick_actions/extractor.rb): every "\r" is deleted, then a line that
// starts with "/" and a command name, followed by a space and arguments or by the end of the
// line, is run, unless it lies in a ``` block, in GitLab's odd "inline code on separate rows"
// span, in an HTML block "<tag>\n...\n</tag>" or in a ">>>" quote. Ruby's ^ and $ match at "\n"
// only. Any word counts as a command name here (GitLab knows about a hundred and adds more).
//
// Mentions and references run on the rendered text outside code, so the text is parsed as
// markdown (markdown-it, CommonMark + GFM tables) and searched outside code spans and blocks;
// text inside link labels is searched too, to be strict.

import MarkdownIt, { type Token } from "markdown-it";

const BOL = String.raw`(?:(?<=\n)|(?<![\s\S]))`;
const EOL = String.raw`(?=\n|(?![\s\S]))`;
const RUBY_SPACE = "[ \\t\\r\\n\\f\\v]";

const EXTRACTOR = new RegExp(
  [
    `(?<code>${BOL}\`\`\`[\\s\\S]+?\\n\`\`\`${EOL})`,
    `(?<inline>${BOL}[\\s\\S]*\`\\n*[\\s\\S]+?\\n*\`${EOL})`,
    `(?<html>${BOL}<[^>]+?>\\n[\\s\\S]+?\\n<\\/[^>]+?>${EOL})`,
    `(?<quote>${BOL}>>>\\n[\\s\\S]+?\\n>>>${EOL})`,
    `(?:${BOL}\\/(?<cmd>[a-z_][a-z0-9_]*)(?: (?<arg>[^\\n]*))?(?:${RUBY_SPACE}*\\n|${EOL}))`,
  ].join("|"),
  "gi",
);

/** The quick actions GitLab would run in `text`, as "/name arg". */
export function quickActions(text: string): string[] {
  const found: string[] = [];
  for (const m of text.replace(/\r/g, "").matchAll(EXTRACTOR)) {
    if (m.groups?.cmd) found.push(`/${m.groups.cmd}${m.groups.arg ? ` ${m.groups.arg}` : ""}`);
  }
  return found;
}

/**
 * Stricter than GitLab: every line, split at any line separator (also U+2028, U+0085, form feed,
 * vertical tab, a lone "\r") and with leading whitespace ignored, that starts with "/" and a letter.
 */
export function commandLikeLines(text: string): string[] {
  const out: string[] = [];
  for (const variant of [text, text.replace(/\r/g, "")]) {
    for (const line of variant.split(/\r\n|[\r\n\u2028\u2029\u0085\f\v]/)) {
      if (/^\s*\/[A-Za-z]/.test(line)) out.push(line);
    }
  }
  return out;
}

// GitLab's reference prefixes: users and groups, issues, merge requests, labels, milestones,
// epics, snippets, alerts, iterations, vulnerabilities, contacts, feature flags. Strict: no
// look-behind, so "a#1" counts too.
const REFERENCES: [string, RegExp][] = [
  ["mention", /@[A-Za-z0-9_]/g],
  ["issue", /#\d/g],
  ["merge request", /!\d/g],
  ["label", /~[\p{L}\p{N}_"?&.-]/gu],
  ["milestone", /%[\p{L}\p{N}_"]/gu],
  ["epic", /&\d/g],
  ["snippet", /\$\d/g],
  ["alert", /\^alert#/gi],
  ["iteration", /\*iteration:/gi],
  ["bracketed", /\[(?:vulnerability|contact|feature_flag):/gi],
];

const URL_IN_TEXT = /\b(?:https?|ftp):\/\/[^\s<>)\]]+|\bwww\.[^\s<>)\]]+/gi;

export interface Activity {
  quickActions: string[];
  commandLines: string[];
  /** "kind: text" for each mention or reference outside code. */
  references: string[];
  /** Link destinations and bare URLs outside code. */
  urls: string[];
  images: string[];
  /** Raw HTML (comments included) as markdown sees it. */
  html: string[];
}

const md = new MarkdownIt("default", { html: true, linkify: false });

/** Everything GitLab would act on or turn into a link in `text`. */
export function activity(text: string): Activity {
  const result: Activity = {
    quickActions: quickActions(text),
    commandLines: commandLikeLines(text),
    references: [],
    urls: [],
    images: [],
    html: [],
  };
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === "inline" && t.children) visit(t.children);
      else if (t.type === "text") scanText(t.content, result);
      else if (t.type === "link_open") result.urls.push(t.attrGet("href") ?? "");
      else if (t.type === "image") {
        result.images.push(t.attrGet("src") ?? "");
        scanText(t.content, result);
      } else if (t.type === "html_inline" || t.type === "html_block") result.html.push(t.content);
      // code_inline, code_block and fence: GitLab acts on nothing inside code.
    }
  };
  visit(md.parse(text, {}));
  return result;
}

function scanText(text: string, into: Activity): void {
  for (const [kind, pattern] of REFERENCES) {
    for (const m of text.matchAll(pattern)) into.references.push(`${kind}: ${m[0]}`);
  }
  for (const m of text.matchAll(URL_IN_TEXT)) into.urls.push(m[0]);
}
