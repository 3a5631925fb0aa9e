// The last check before text of ours reaches GitLab: safe-markdown.ts builds it so that no line
// can start a quick action, and this proves it at run time, at the posting ports, so a future
// template that forgets the renderer fails loudly instead of acting as the bot.
//
// GitLab deletes every "\r" and then runs "/command" lines (lib/gitlab/quick_actions/extractor.rb);
// this check is stricter: it splits at every line separator and ignores leading whitespace.

import type { SafeCommitMessage, SafeMarkdown } from "../report/safe-markdown.js";

const ANY_LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085\f\v]/;

/** The text, checked: throws when a line could be read as a quick action. */
export function outgoing(text: SafeMarkdown | SafeCommitMessage, what: string): string {
  for (const joined of [text.replace(/\r/g, ""), text]) {
    const bad = joined.split(ANY_LINE_BREAK).find((line) => /^\s*\/[A-Za-z]/.test(line));
    if (bad !== undefined) {
      throw new Error(
        `internal error: the ${what} about to be sent has a line GitLab could run as a quick action (${JSON.stringify(bad.slice(0, 40))}); nothing was sent. Please report this.`,
      );
    }
  }
  return text;
}
