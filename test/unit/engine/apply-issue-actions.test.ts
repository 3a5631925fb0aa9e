// The plan's issue actions: consecutive milestone, link and comment writes go out together (one
// round trip), while closing and creating issues wait for everything before them; the first
// failure stops what comes after it, and the outcome lists exactly what was done, in plan order.

import { describe, expect, it } from "vitest";
import { applyIssueActions } from "../../../src/engine/apply-issue-actions.js";
import type { Ports } from "../../../src/engine/ports.js";
import type { IssueAction } from "../../../src/engine/types.js";
import { ours } from "../../../src/report/safe-markdown.js";

const rollout = { project: "g/p", iid: 42, webUrl: "https://gitlab.example/g/p/-/issues/42" };
const feature = { project: "g/p", iid: 7, webUrl: "https://gitlab.example/g/p/-/issues/7" };
const change = { project: "g/p", iid: 9, webUrl: "https://gitlab.example/g/p/-/issues/9" };

const MILESTONE: IssueAction = { kind: "set-milestone", milestone: { id: 1, title: "19.7" } };
const LINK: IssueAction = { kind: "link-issue", target: change };
const COMMENT: IssueAction = { kind: "comment", on: feature, body: ours("soon"), marker: "m" };
const CLOSE: IssueAction = { kind: "close-issue", target: rollout, what: "the rollout issue" };

/** Ports whose writes wait until released, so the test sees which were in flight together. */
function fakePorts(failing: Set<string> = new Set()) {
  const started: string[] = [];
  const pending: Array<() => void> = [];
  const write = (name: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(name);
      pending.push(() => (failing.has(name) ? reject(new Error(`${name} failed`)) : resolve()));
    });
  const ports = {
    config: { rolloutIssue: rollout },
    logger: { info() {} },
    issues: {
      setMilestone: () => write("milestone"),
      addLink: () => write("link"),
      createNote: () => write("comment"),
    },
    lifecycle: { close: () => write("close") },
  } as unknown as Ports;
  /** Answers every write in flight; returns their names. */
  const answer = async () => {
    await new Promise((r) => setImmediate(r));
    const names = started.splice(0);
    for (const release of pending.splice(0)) release();
    return names;
  };
  return { ports, answer };
}

describe("applyIssueActions", () => {
  it("sends the independent writes together and the close after them", async () => {
    const { ports, answer } = fakePorts();
    const run = applyIssueActions(ports, [MILESTONE, LINK, COMMENT, CLOSE]);
    expect(await answer()).toEqual(["milestone", "link", "comment"]);
    expect(await answer()).toEqual(["close"]);
    expect((await run).done).toEqual([
      "set the milestone 19.7",
      `link ${change.webUrl}`,
      `comment on ${feature.webUrl}`,
      `close the rollout issue ${rollout.webUrl}`,
    ]);
  });

  it("a failure in a batch keeps what else was done and stops what follows", async () => {
    const { ports, answer } = fakePorts(new Set(["link"]));
    const run = applyIssueActions(ports, [MILESTONE, LINK, COMMENT, CLOSE]);
    expect(await answer()).toEqual(["milestone", "link", "comment"]);
    const outcome = await run;
    expect(outcome.done).toEqual(["set the milestone 19.7", `comment on ${feature.webUrl}`]);
    expect(String(outcome.error)).toContain("link failed");
    expect(await answer()).toEqual([]);
  });

  it("an action after a close waits for it: the order of the lifecycle is kept", async () => {
    const { ports, answer } = fakePorts(new Set(["close"]));
    const run = applyIssueActions(ports, [CLOSE, COMMENT]);
    expect(await answer()).toEqual(["close"]);
    const outcome = await run;
    expect(outcome.done).toEqual([]);
    expect(await answer()).toEqual([]);
  });
});
