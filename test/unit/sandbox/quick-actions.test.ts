import { describe, expect, it } from "vitest";
import { topLevelParagraphs } from "../../../src/sandbox/markdown-blocks.js";
import {
  extractQuickActions,
  parseLabelArgs,
  parseMilestoneArg,
} from "../../../src/sandbox/quick-actions.js";

const text = (content: string) => extractQuickActions(content).text;
const commands = (content: string) => extractQuickActions(content).commands;

describe("extractQuickActions: normalisation", () => {
  it("deletes every CR, not only in CRLF", () => {
    expect(text("a\r\nb\rc")).toBe("a\nbc");
  });

  it("strips trailing whitespace of the whole text only", () => {
    expect(text("line one   \nline two \t\n\n \n")).toBe("line one   \nline two");
    expect(text("  leading kept")).toBe("  leading kept");
  });

  it("keeps non-ASCII, including trailing non-ASCII spaces that Ruby's rstrip keeps", () => {
    expect(text("Grüße 👋 段階\u3000")).toBe("Grüße 👋 段階\u3000");
  });
});

describe("extractQuickActions: commands", () => {
  it("removes a command line in a top-level paragraph, with its argument", () => {
    expect(extractQuickActions('Intro\n\n/close\n/label ~a ~"b c"\nOutro')).toEqual({
      text: "Intro\n\nOutro",
      commands: [{ name: "close" }, { name: "label", arg: '~a ~"b c"' }],
    });
  });

  it("takes the blank line after a command with it", () => {
    expect(text("Before\n\n/close\n\nAfter")).toBe("Before\n\nAfter");
  });

  it("finds a command under a text line of the same paragraph", () => {
    expect(extractQuickActions("Some text\n/close")).toEqual({
      text: "Some text",
      commands: [{ name: "close" }],
    });
  });

  it("is case-insensitive, reports the command lower-cased, and knows /labels from /label", () => {
    expect(commands("/CLOSE")).toEqual([{ name: "close" }]);
    expect(commands("/labels ~x")).toEqual([{ name: "labels", arg: "~x" }]);
  });

  it("leaves unknown commands, /cc and mid-line slashes alone", () => {
    for (const kept of [
      "/chatops run feature set x true",
      "/cc @dana",
      "see /close here",
      "/closed",
      "  /close",
    ]) {
      expect(extractQuickActions(kept)).toEqual({ text: kept, commands: [] });
    }
  });

  it("keeps commands in code blocks, lists, quotes, HTML, headings and inline code", () => {
    const kept = [
      "```\n/close\n```",
      "~~~ruby\n/close\n~~~",
      "    /close",
      "- item\n/close",
      "1. item\n\n   /close",
      "- [ ] task\n  /close",
      "> quote\n/close",
      ">>>\n/close\n>>>",
      "<details>\n/close\n</details>",
      "<!--\n/close\n-->",
      "Heading\n/close\n---",
      "`\n/close\n`",
    ];
    for (const content of kept) {
      expect(extractQuickActions(content), JSON.stringify(content)).toEqual({
        text: content,
        commands: [],
      });
    }
  });

  it("a command after a list, separated by a blank line, is top level again", () => {
    expect(extractQuickActions("- item\n\n/close")).toEqual({
      text: "- item",
      commands: [{ name: "close" }],
    });
  });
});

describe("topLevelParagraphs", () => {
  it("returns 0-based inclusive line ranges of top-level paragraphs only", () => {
    const content = [
      "# Title",
      "para one",
      "still one",
      "",
      "- list",
      "",
      "```",
      "code",
      "```",
      "para two",
    ].join("\n");
    expect(topLevelParagraphs(content)).toEqual([
      { start: 1, end: 2 },
      { start: 9, end: 9 },
    ]);
  });
});

describe("command arguments", () => {
  it('labels: ~name, ~"quoted name", or bare names', () => {
    expect(parseLabelArgs('~bug ~"feature flag"')).toEqual(["bug", "feature flag"]);
    expect(parseLabelArgs("bug, backend")).toEqual(["bug", "backend"]);
    expect(parseLabelArgs(undefined)).toEqual([]);
  });

  it('milestones: %title, %"title with spaces"', () => {
    expect(parseMilestoneArg('%"19.7 release"')).toBe("19.7 release");
    expect(parseMilestoneArg("%19.7")).toBe("19.7");
  });
});
