// Every text the tool sends to GitLab, built with hostile values in every field a person, an
// error body or a forged marker could fill, is judged by an oracle written from GitLab's rules
// (test/helpers/gitlab-text-oracle.ts): no quick action, no command-like line, no mention or
// reference, no image, no raw HTML but our own markers, no link but the ones we mean.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/config.js";
import { cleanupIssueTitle } from "../../../src/engine/gather-cleanup.js";
import type { CleanupFacts } from "../../../src/engine/release-facts.js";
import { outgoing } from "../../../src/gitlab/outgoing.js";
import { removedComment } from "../../../src/phases/cleanup-finish.js";
import { cleanupIssueAction } from "../../../src/phases/cleanup-issue.js";
import { globalComment } from "../../../src/phases/global.js";
import { cleanupText, defaultEnabledText } from "../../../src/phases/mr-text.js";
import { etaComment } from "../../../src/phases/prepare.js";
import { readinessNoteUpdate } from "../../../src/readiness/note.js";
import type { FlagReadiness } from "../../../src/readiness/types.js";
import { type AuditEvent, readMarker } from "../../../src/report/marker.js";
import { renderNote } from "../../../src/report/note.js";
import { renderStatusNote } from "../../../src/report/status-note.js";
import { activity } from "../../helpers/gitlab-text-oracle.js";
import { state, testConfig } from "../../helpers/rollout-state.js";

const HOME = "https://gitlab.example.com/";
const ROLLOUT_URL = "https://gitlab.example.com/gitlab-org/gitlab/-/issues/42";

// What people and error bodies have been seen to send, and what GitLab acts on.
const FRAGMENTS = [
  "/close",
  " /close",
  "   /label ~bug",
  "\t/assign @me",
  "/CLOSE",
  "/assign_reviewer @bob",
  "/title pwned",
  "\n/close",
  "\r/close",
  "\r\n/label ~x",
  "\u2028/close",
  "\u2029/close",
  "\u0085/close",
  "\f/close",
  "\v/close",
  "\n\n/close\n",
  "`",
  "``",
  "```",
  "```\n/close\n```",
  "<!--",
  "-->",
  "--!>",
  '<!-- ff-rollout {"v":1} -->',
  "<!-- ff-rollout:status-note my_flag -->",
  "@all",
  "@group/sub",
  " @user.name",
  "#123",
  "!456",
  "~label",
  '~"two words"',
  "%milestone",
  '%"19.7"',
  "&12",
  "$34",
  "^alert#5",
  "*iteration:6",
  "[vulnerability:7]",
  "group/project#1",
  "group/project!2",
  "https://evil.example/x",
  "https://gitlab.example.com/g/p/-/issues/9",
  "https://gitlab.example.com/g/p/-/merge_requests/9#note_1",
  "www.evil.example",
  "[click](https://evil.example)",
  "![img](https://evil.example/i.png)",
  "<img src=https://evil.example/i.png>",
  "<a href='https://evil.example'>x</a>",
  "<details>\n/close\n</details>",
  ">>>\n/close\n>>>",
  "&#64;all",
  "&lt;!--",
  "&#x40;all",
  "> quoted",
  "- item",
  "1. item",
  "    indented",
  "# heading",
  "===",
  "|",
  "\\",
  "*",
  "_",
  "\u200b",
  "\u0000",
  "\u202e",
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(""));

/** Judges one text: returns what GitLab would act on that we did not mean. */
function unintended(text: string, markers: number): string[] {
  const a = activity(text);
  const problems = [
    ...a.quickActions.map((q) => `quick action ${q}`),
    ...a.commandLines.map((l) => `command-like line ${JSON.stringify(l)}`),
    ...a.references.map((r) => `reference ${r}`),
    ...a.images.map((i) => `image ${i}`),
    ...a.urls.filter((u) => !u.startsWith(HOME)).map((u) => `link ${u}`),
  ];
  const comments = a.html.filter((h) => /^<!-- ff-rollout[ :][^\n]* -->\s*$/.test(h));
  if (comments.length !== a.html.length || comments.length !== markers) {
    problems.push(`html ${JSON.stringify(a.html)}`);
  }
  if ((text.match(/<!--/g) ?? []).length !== markers) problems.push("a stray <!--");
  try {
    outgoing(text as never, "text");
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

function expectInert(text: string, markers: number): void {
  const problems = unintended(text, markers);
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\n--- in ---\n${text}`);
}

const BASE = testConfig();

function hostileConfig(flag: string, value: string): Config {
  return {
    ...BASE,
    flag,
    definitionProject: value,
    release: { ...BASE.release, changelogTrailer: value, cleanupIssue: true },
  };
}

function hostileEvent(s: string[]): AuditEvent {
  const compact = {
    exists: true,
    boolean: false,
    percentageOfActors: 0,
    percentageOfTime: 0,
    actors: [s[0]!],
    featureGroups: [s[1]!],
  };
  return {
    v: 1,
    kind: "phase",
    phase: s[2]!,
    flag: s[3]!,
    at: "2026-11-26T10:00:00.000Z",
    outcome: "partial",
    by: s[4]!,
    job: { id: s[5]!, name: s[6]!, url: `${HOME}g/p/-/jobs/77` },
    pipeline: { id: s[7]!, url: s[8]! },
    forced: { reason: s[9]! },
    reason: s[10]!,
    issue: [s[11]!],
    instances: [
      {
        environment: s[12]!,
        status: "failed",
        before: compact,
        after: compact,
        applied: [s[13]!],
        error: s[14]!,
      },
    ],
  };
}

const strings = (n: number) => fc.array(hostile, { minLength: n, maxLength: n });
const RUNS = { numRuns: 150 };

describe("every text sent to GitLab is inert", () => {
  it("the audit note (and its edit), whose marker still reads back the same event", () => {
    fc.assert(
      fc.property(strings(16), (s) => {
        const event = hostileEvent(s);
        const body = renderNote(event, s[15]!);
        expectInert(body, 1);
        expect(readMarker(body)).toEqual(event);
      }),
      RUNS,
    );
  });

  it("the status note, built from events any marker could carry", () => {
    fc.assert(
      fc.property(strings(16), hostile, (s, flag) => {
        const forcedless = { ...hostileEvent(s), forced: undefined };
        expectInert(renderStatusNote(flag, [hostileEvent(s), forcedless], s[15]!), 1);
      }),
      RUNS,
    );
  });

  it("the readiness note, for a flag name read from an issue and reasons quoting GitLab", () => {
    fc.assert(
      fc.property(hostile, strings(2), (flag, reasons) => {
        const result: FlagReadiness = {
          flag,
          issue: undefined,
          checks: [
            { name: "tokens", verdict: "warning", reason: reasons[0]! },
            { name: "drift", verdict: "not-ready", reason: reasons[1]! },
          ],
          verdict: "not-ready",
          wrote: [],
        };
        expectInert(readinessNoteUpdate(result, undefined, new Date(0))!, 1);
      }),
      RUNS,
    );
  });

  it("the merge requests' titles, descriptions and commit messages (release and cleanup)", () => {
    fc.assert(
      fc.property(strings(6), (s) => {
        const st = state(hostileConfig(s[0]!, s[1]!), {});
        const release = defaultEnabledText(st, s[2]!, s[3]!, s[4]!);
        const cleanup = cleanupText(
          st,
          [s[2]!, s[5]!],
          [
            { path: s[5]!, lines: [1, 2] },
            { path: s[3]!, lines: [3] },
          ],
          s[3]!,
        );
        for (const text of [release, cleanup]) {
          expectInert(text.title, 0);
          expectInert(text.description, 0);
          expectInert(text.commitMessage, 0);
        }
      }),
      RUNS,
    );
  });

  it("the comments on the feature issue (prepare's expected time, global, removal)", () => {
    fc.assert(
      fc.property(strings(3), (s) => {
        const st = state(hostileConfig(s[0]!, s[1]!), {});
        expectInert(etaComment(st), 1);
        expectInert(globalComment(st.config), 1);
        expectInert(removedComment(st.config, s[2]!), 1);
      }),
      RUNS,
    );
  });

  it("the cleanup issue it creates: title and description", () => {
    fc.assert(
      fc.property(strings(3), (s) => {
        const st = state(hostileConfig(s[0]!, s[1]!), {});
        const facts = {
          branch: s[2]!,
          rolloutIssue: { labels: [], milestoneId: null },
        } as unknown as CleanupFacts;
        for (const mrUrl of [undefined, s[2]!]) {
          const action = cleanupIssueAction(st, facts, mrUrl);
          if (action?.kind !== "create-issue") throw new Error("no cleanup issue planned");
          expectInert(action.issue.title, 0);
          // Its list's six items each end with our checklist marker, and nothing else is HTML.
          expectInert(action.issue.description, 6);
        }
        expectInert(cleanupIssueTitle(s[0]!), 0);
      }),
      RUNS,
    );
  });

  it("keeps the links it means: the rollout issue and the job", () => {
    const event = hostileEvent(Array.from({ length: 16 }, () => "x"));
    expect(activity(renderNote(event, "t")).urls).toEqual([`${HOME}g/p/-/jobs/77`]);
    const st = state(hostileConfig("my_flag", "g/p"), {});
    expect(activity(globalComment(st.config)).urls).toEqual([ROLLOUT_URL]);
  });
});
