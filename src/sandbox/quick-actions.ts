// GitLab's quick-action pass over a description or note (lib/gitlab/quick_actions/extractor.rb).
// GitLab runs it on every issue create and update, over the description sent or, when none is
// sent, over the stored one. It:
//   1. deletes every "\r";
//   2. in each top-level paragraph (markdown-blocks.ts), removes lines "/<known command> [arg]"
//      (plus the blank lines that follow them), skipping inline code spans and HTML blocks;
//   3. strips trailing whitespace from the end of the whole text (String#rstrip), not from
//      each line.
// Commands are removed whether or not they can run here; the caller executes those it knows.

import { topLevelParagraphs } from "./markdown-blocks.js";

export interface QuickCommand {
  /** Lower-cased command name, e.g. "label". */
  name: string;
  arg?: string;
}

/**
 * Names (with aliases) of GitLab's quick-action definitions for issues, merge requests,
 * commits, epics and work items: the extractor is built from all of them, so any of these
 * lines is removed from an issue description even where it cannot apply. `/cc` is a no-op
 * definition and stays in the text; `/shrug` and `/tableflip` are substitutions (not modelled).
 */
export const QUICK_ACTION_NAMES: readonly string[] = [
  "add_child",
  "add_contacts",
  "add_email",
  "approve",
  "assign",
  "assign_reviewer",
  "award",
  "blocked_by",
  "blocks",
  "board_move",
  "checkin_reminder",
  "child_epic",
  "clear_health_status",
  "clear_weight",
  "clone",
  "close",
  "confidential",
  "convert_to_ticket",
  "copy_metadata",
  "create_merge_request",
  "done",
  "draft",
  "due",
  "duplicate",
  "epic",
  "estimate",
  "estimate_time",
  "health_status",
  "invite_email",
  "iteration",
  "label",
  "labels",
  "link",
  "lock",
  "merge",
  "milestone",
  "move",
  "page",
  "parent_epic",
  "promote",
  "promote_to",
  "promote_to_incident",
  "publish",
  "react",
  "ready",
  "reassign",
  "reassign_reviewer",
  "rebase",
  "relabel",
  "relate",
  "remove_child",
  "remove_child_epic",
  "remove_contacts",
  "remove_due_date",
  "remove_email",
  "remove_epic",
  "remove_estimate",
  "remove_iteration",
  "remove_label",
  "remove_milestone",
  "remove_parent",
  "remove_parent_epic",
  "remove_reviewer",
  "remove_time_estimate",
  "remove_time_spent",
  "remove_weight",
  "remove_zoom",
  "reopen",
  "request_review",
  "reviewer",
  "set_parent",
  "severity",
  "spend",
  "spend_time",
  "spent",
  "status",
  "submit_review",
  "subscribe",
  "tag",
  "target_branch",
  "timeline",
  "title",
  "todo",
  "type",
  "unapprove",
  "unassign",
  "unassign_reviewer",
  "unlabel",
  "unlink",
  "unlock",
  "unrelate",
  "unsubscribe",
  "weight",
  "wip",
  "zoom",
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Longest names first so that "/labels" is not read as "/label" + "s" (Ruby's regex engine
// backtracks into the next alternative; ordering makes the JS one do the same work directly).
const NAMES = [...QUICK_ACTION_NAMES].sort((a, b) => b.length - a.length).map(escapeRegExp);

/**
 * The extractor's regex: inline code and HTML blocks are matched (and kept) so that commands
 * inside them are skipped; a command is "/" at a line start, a known name, optionally a space
 * and an argument to the end of the line, then whitespace up to a newline. Flags: Ruby's
 * `mix` (dot matches newline, case-insensitive, line anchors) become JS "gims".
 */
const COMMANDS = new RegExp(
  [
    "(`.+?`)",
    "(^<[^>]+?>\\n.+?\\n<\\/[^>]+?>$)",
    // Ruby's \s is ASCII whitespace only; JS's also matches Unicode spaces.
    `(?:^\\/(${NAMES.join("|")})(?: ([^\\n]*))?(?:[ \\t\\n\\f\\v]*\\n|$))`,
  ].join("|"),
  "gims",
);

export interface Extraction {
  text: string;
  commands: QuickCommand[];
}

/** Ruby's String#lines: each line keeps its "\n". */
function rubyLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function extractQuickActions(content: string): Extraction {
  const text = content.replace(/\r/g, "");
  const commands: QuickCommand[] = [];
  const lines = rubyLines(text);
  for (const paragraph of topLevelParagraphs(text)) {
    let end = paragraph.end;
    // The blank line after a paragraph goes with it, so removing a command leaves no gap.
    if (lines[end + 1] === "\n") end += 1;
    const chunk = lines.slice(paragraph.start, end + 1).join("");
    const replaced = chunk.replace(COMMANDS, (match, code, html, name, arg) => {
      if (code !== undefined || html !== undefined || name === undefined) return match;
      const command: QuickCommand = { name: String(name).toLowerCase() };
      if (typeof arg === "string" && arg.trim() !== "") command.arg = arg;
      commands.push(command);
      return "";
    });
    for (let i = paragraph.start; i <= end; i++) lines[i] = "";
    lines[paragraph.start] = replaced;
  }
  // String#rstrip removes ASCII whitespace and NUL only: a trailing U+3000 or NBSP survives.
  return { text: lines.join("").replace(/[\0\t\n\v\f\r ]+$/, ""), commands };
}

/**
 * Label references in a command argument: ~name, ~"name with spaces", or bare names
 * separated by spaces or commas ("mixed syntax is not supported").
 */
export function parseLabelArgs(arg: string | undefined): string[] {
  if (arg === undefined) return [];
  const referenced = [...arg.matchAll(/~(?:"([^"]+)"|([^\s~",]+))/g)].map(
    (m) => m[1] ?? m[2] ?? "",
  );
  if (referenced.length > 0) return referenced;
  return arg.split(/[\s,]+/).filter((name) => name !== "");
}

/** A milestone reference: %"title", %title, or a bare title. */
export function parseMilestoneArg(arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined;
  const match = /^%(?:"([^"]+)"|(\S+))/.exec(arg.trim());
  return match ? (match[1] ?? match[2]) : arg.trim() || undefined;
}
