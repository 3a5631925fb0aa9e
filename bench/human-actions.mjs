// The human actions of a whole rollout, counted over a run of the demo: the plays of manual jobs
// (a person pressing play) plus a person's ticks (checklist items the jobs leave to a person), for
// the project's own issue template (issue-templates/feature-flag-rollout.md) from the merged MR to
// the cleanup. The demo runs its plain rollout (no deliberate refusal, incident or breach) with
// health checks on its metrics stand-in and notifications to its receiver, so what the jobs can
// verify and tell, they do. With `advance` in the CLI, a second run lets the schedule take the
// production steps (auto_advance: global) and the second press of release and cleanup
// (finish_by_schedule: true).

import { readFileSync } from "node:fs";
import {
  classifyItems,
  DEMO_FLAG,
  demoMatchContext,
  main,
  parseTaskList,
  Redactor,
  runDemo,
} from "../build/bench-kit.js";

const TEMPLATE = new URL("../issue-templates/feature-flag-rollout.md", import.meta.url);

/** Whether this build of the CLI has the scheduled `advance` command (its --help answers 0). */
export async function hasAdvance() {
  const quiet = { stdout() {}, stderr() {} };
  return (await main(["advance", "--help"], { env: {}, cwd: process.cwd(), sink: quiet })) === 0;
}

/** Counts one rollout; `autoAdvance`: the schedule takes the production steps and the finishes. */
export async function countHumanActions({ autoAdvance }) {
  const template = readFileSync(TEMPLATE, "utf8").replaceAll("<feature-flag-name>", DEMO_FLAG);
  const output = [];
  const sink = { stdout: (t) => output.push(t), stderr: (t) => output.push(t) };
  const cmd = {
    args: { values: {}, positionals: [] },
    io: { env: {}, cwd: process.cwd(), sink },
    redactor: new Redactor([]),
    output: {},
  };
  const { code, run } = await runDemo(cmd, main, {
    scenes: false,
    services: true,
    autoAdvance,
    rolloutIssue: template,
  });
  if (code !== 0) {
    throw new Error(
      `the demo's plain rollout failed (exit ${code}):\n${output.join("").slice(-3000)}`,
    );
  }
  const plays = run.jobs.filter((j) => j.by === "person" && j.args[0] === "run");
  // The items as the jobs see them with the demo's config (its notifications included).
  const items = classifyItems(
    run.finalIssue,
    demoMatchContext({ metricsUrl: "http://127.0.0.1/metrics", autoAdvance }),
  );
  // Every item only a person can tick, whether the demo's person ticked it on the way (prepare
  // refuses until the preparation items are ticked) or it is still open at the end.
  // "Dashboards and error rates were watched during each step" is the tool's only when it proved
  // every soak watched (soaks-watched); left unticked, a person still watches and ticks it.
  const human = items.filter(
    (c) =>
      c.applicable && (c.kind === "human" || (c.intent === "soaks-watched" && !c.item.checked)),
  );
  return {
    plays: plays.length,
    playsByPhase: plays.map((j) => j.args.slice(1).join(" ")),
    scheduled: run.jobs.filter((j) => j.by === "schedule").map((j) => j.args.join(" ")),
    ticks: human.length,
    tickItems: human.map((c) => c.item.text),
    // Neither ticked nor a person's: what this rollout did not need (the rollback box, say).
    untickedOther: items
      .filter((c) => !c.item.checked && c.applicable && !human.includes(c))
      .map((c) => c.item.text),
    items: parseTaskList(run.finalIssue).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const autoAdvance of (await hasAdvance()) ? [false, true] : [false]) {
    const counted = await countHumanActions({ autoAdvance });
    console.log(JSON.stringify({ autoAdvance, ...counted }, null, 2));
  }
}
