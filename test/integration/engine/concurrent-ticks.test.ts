// A person edits the rollout issue while a job ticks its checklist. 200 seeded interleavings:
// the person ticks and unticks their own items, adds lines above, rewords a paragraph, at random
// moments: before our read, between our read and our write (the race REST cannot lock), and
// after our write. Every intended tick must land exactly once; every tick or untick the person
// made must survive; a content edit may only go missing when it landed inside the race window,
// and then the run must have reported it (GitLab's REST API cannot give its text back).

import { describe, expect, it } from "vitest";
import { parseTaskList } from "../../../src/checklist/index.js";
import type { Fact } from "../../../src/engine/facts.js";
import { tickChecklist } from "../../../src/engine/tick-checklist.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { GitLabIssues } from "../../../src/gitlab/issues.js";
import type { FaultHookContext } from "../../../src/sandbox/index.js";
import { applyIssueChange } from "../../../src/sandbox/issue-change.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { DEVELOPER, FLAG, ISSUE_IID, PROJECT, standardSeed, TOKENS } from "../../helpers/seeds.js";

const PERSON_ITEMS = [
  "Watch the error dashboards for an hour.",
  "Post the QA result in this issue.",
  "Tell the support team in their channel.",
];
const PARAGRAPH = "The paragraph a person may reword.";

const DESCRIPTION = [
  "## Rollout",
  "",
  "### Non-production",
  "",
  "- [ ] Enable the feature on the non-production environments.",
  `  - [ ] \`/chatops run feature set ${FLAG} true --dev --staging\``,
  `- [ ] ${PERSON_ITEMS[0]}`,
  `- [ ] ${PERSON_ITEMS[1]}`,
  "",
  "### Notes",
  "",
  PARAGRAPH,
  "",
  `- [ ] ${PERSON_ITEMS[2]}`,
].join("\n");

const FACTS: Fact[] = [
  { kind: "flag-boolean", flag: FLAG, instance: "dev", value: true },
  { kind: "flag-boolean", flag: FLAG, instance: "staging", value: true },
];
const CONTEXT = {
  flag: FLAG,
  actorType: "project" as const,
  actors: [PROJECT],
  percentages: [10, 50],
};

/** mulberry32: a small seeded generator, so a failing interleaving can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Action =
  /** A click on the item's box in GitLab's UI: it flips what the person sees. */
  | { kind: "click"; item: string; result?: boolean }
  | { kind: "add-line"; text: string }
  | { kind: "reword"; text: string };

/** Where an edit lands, relative to the job's requests. "race" is between our read and our write. */
type Moment = "before-read" | "race" | "after-write";

function personEdit(action: Action) {
  return ({ state }: FaultHookContext) => {
    const issue = state.issue(PROJECT, ISSUE_IID);
    const text = issue.description ?? "";
    let next = text;
    if (action.kind === "click") {
      const pattern = new RegExp(`- \\[([ x])\\] ${escapeRegExp(action.item)}`);
      action.result = pattern.exec(text)?.[1] === " ";
      next = text.replace(pattern, `- [${action.result ? "x" : " "}] ${action.item}`);
    } else if (action.kind === "add-line") {
      next = `${action.text}\n\n${text}`;
    } else {
      next = text.replace(/^The paragraph.*$|^Reworded by Dana.*$/m, action.text);
    }
    applyIssueChange(state, issue, state.userByUsername(DEVELOPER.username)!, {
      description: next,
    });
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("ticking while a person edits the issue", () => {
  const sb = useStrictSandbox(() => standardSeed({ description: DESCRIPTION }), { scope: "file" });

  it("keeps every person's edit or reports it, and lands every tick exactly once, over 200 interleavings", async () => {
    const summary = { race: 0, restoredTicks: 0, reported: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      sb.expectRequests([
        "GET /production/api/v4/projects/:id/issues/:iid",
        "PUT /production/api/v4/projects/:id/issues/:iid",
        "GET /production/api/v4/projects/:id/issues/:iid/notes",
        "GET /production/api/v4/user",
      ]);
      const rnd = random(seed);
      const state = sb.state("production");
      const issue = state.issue(PROJECT, ISSUE_IID);
      applyIssueChange(state, issue, state.userByUsername(DEVELOPER.username)!, {
        description: DESCRIPTION,
      });
      sb.sandbox.clearLog();

      // Up to four edits at random moments; a moment is used once, so the order is well defined.
      const moments: Moment[] = ["before-read", "race", "after-write"];
      const planned: { moment: Moment; action: Action }[] = [];
      for (const moment of moments) {
        if (rnd() < 0.6) continue;
        const pick = rnd();
        const action: Action =
          pick < 0.5
            ? { kind: "click", item: PERSON_ITEMS[Math.floor(rnd() * 3)]! }
            : pick < 0.75
              ? { kind: "add-line", text: `Note from Dana, seed ${seed}.` }
              : { kind: "reword", text: `Reworded by Dana, seed ${seed}.` };
        planned.push({ moment, action });
      }
      for (const { moment, action } of planned) {
        const rule =
          moment === "before-read"
            ? { method: "GET", path: "/projects/:id/issues/:iid", when: "before" as const }
            : moment === "race"
              ? { method: "PUT", path: "/projects/:id/issues/:iid", when: "before" as const }
              : { method: "PUT", path: "/projects/:id/issues/:iid", when: "after" as const };
        sb.sandbox.faults.add({
          instance: "production",
          method: rule.method,
          path: rule.path,
          times: 1,
          kind: "hook",
          when: rule.when,
          run: personEdit(action),
        });
      }

      const client = new GitLabClient(
        {
          name: "production",
          url: sb.instanceUrl("production"),
          tokenEnv: "FF_ISSUES_TOKEN",
          token: TOKENS.production.admin,
        },
        { logger: captureLogger().logger, timeoutMs: 5000 },
      );
      const result = await tickChecklist(
        new GitLabIssues(client),
        { project: PROJECT, iid: ISSUE_IID, webUrl: "" },
        FACTS,
        CONTEXT,
        captureLogger().logger,
      );
      sb.sandbox.faults.clear();

      const final = state.issue(PROJECT, ISSUE_IID).description ?? "";
      const items = parseTaskList(final);
      const where = `seed ${seed}: ${JSON.stringify(planned)}\n${final}`;
      // Our ticks: each exactly once, whatever moved around them.
      expect(final.match(/- \[x\] `\/chatops run feature set/g)?.length, where).toBe(1);
      expect(items.find((i) => i.text.startsWith("Enable the feature"))?.checked, where).toBe(true);
      expect(result.ticked, where).toHaveLength(2);
      // The person's ticks and unticks survive (put back when our write overwrote them): each
      // item ends as their last click left it.
      for (const item of PERSON_ITEMS) {
        const last = planned
          .filter((p) => p.action.kind === "click" && p.action.item === item)
          .at(-1);
        const expected = last && last.action.kind === "click" ? last.action.result : false;
        expect(items.find((i) => i.text === item)?.checked, `${item} — ${where}`).toBe(expected);
      }
      // Content edits survive, or landed in the race and were reported.
      for (const { moment, action } of planned) {
        if (action.kind === "click") {
          if (moment === "race") summary.restoredTicks++;
          continue;
        }
        if (final.includes(action.text)) continue;
        expect(moment, where).toBe("race");
        expect(
          result.overwritten.map((o) => o.author),
          where,
        ).toContain(DEVELOPER.username);
        summary.reported++;
      }
      if (planned.some((p) => p.moment === "race")) summary.race++;
    }
    // The seeds must actually exercise the race, with both kinds of edit.
    expect(summary.race).toBeGreaterThan(50);
    expect(summary.restoredTicks).toBeGreaterThan(10);
    expect(summary.reported).toBeGreaterThan(10);
  }, 120_000);
});
