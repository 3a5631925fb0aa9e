// tickChecklist judges its write by GitLab's answer: an answer equal to what was sent, as GitLab
// normalises it (\r deleted, trailing whitespace stripped), is a success without parsing it
// again; any other answer is parsed, and a box it does not show ticked means another attempt.

import { describe, expect, it } from "vitest";
import type { IssueRef } from "../../../src/config.js";
import type { Fact } from "../../../src/engine/facts.js";
import { tickChecklist } from "../../../src/engine/tick-checklist.js";
import type { Issue, IssueStore } from "../../../src/gitlab/issues.js";
import { captureLogger } from "../../helpers/logger.js";

const FLAG = "wiki_live_preview";
const REF: IssueRef = { project: "group/project", iid: 7 } as IssueRef;
const FACTS: Fact[] = [{ kind: "flag-boolean", flag: FLAG, instance: "dev", value: true }];
const CONTEXT = {
  flag: FLAG,
  actorType: "project" as const,
  actors: ["group/project"],
  percentages: [],
};
const DESCRIPTION = [
  "## Rollout\r",
  "\r",
  `- [ ] \`/chatops run feature set ${FLAG} true --dev\`   \r`,
  "- [ ] Watch the dashboards.\r",
  "  \r\n\t ",
].join("\n");

/** An issue answering as GitLab does, with `answer` deciding what a write returns. */
function store(answer: (sent: string) => string) {
  const writes: string[] = [];
  let description = DESCRIPTION;
  let version = 0;
  const issue = (): Issue =>
    ({ ref: REF, description, updatedAt: `2026-01-01T00:00:0${version}Z` }) as unknown as Issue;
  const issues = {
    getIssue: async () => issue(),
    updateDescription: async (_ref: IssueRef, text: string) => {
      writes.push(text);
      version++;
      description = answer(text);
      return issue();
    },
    recentNotes: async () => [],
    whoAmI: async () => "bot",
  } as unknown as IssueStore;
  return { issues, writes };
}

const gitlab = (text: string) => text.replace(/\r/g, "").replace(/[\0\t\n\v\f\r ]+$/, "");

describe("tickChecklist and GitLab's answer", () => {
  it("takes an answer equal to the normalised text as done, in one attempt", async () => {
    const { issues, writes } = store(gitlab);
    const result = await tickChecklist(issues, REF, FACTS, CONTEXT, captureLogger().logger);
    expect(result.attempts).toBe(1);
    expect(result.ticked).toHaveLength(1);
    expect(writes[0]).toContain(`- [x] \`/chatops run feature set ${FLAG} true --dev\``);
  });

  it("tries again when the answer does not show the box ticked", async () => {
    let first = true;
    const { issues, writes } = store((sent) => {
      const stored = gitlab(sent);
      if (!first) return stored;
      first = false;
      return stored.replace("- [x] `/chatops", "- [ ] `/chatops");
    });
    const result = await tickChecklist(issues, REF, FACTS, CONTEXT, captureLogger().logger);
    expect(result.attempts).toBe(2);
    expect(writes).toHaveLength(2);
    expect(result.ticked).toHaveLength(1);
  });
});
