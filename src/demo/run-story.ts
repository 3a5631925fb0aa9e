// The demo's run (run-demo.ts tells it; the human-actions benchmark counts it): a rollout on the
// embedded sandbox, told as a story. It runs
// the real CLI (main) against real HTTP, exactly as a CI job would, with the sandbox standing in
// for three GitLab instances, the demo's metrics stand-in for Prometheus (metrics.ts) and a local
// receiver for the Slack and JSON webhooks, whose messages are printed after the step that sent
// them (receiver.ts).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseTaskList } from "../checklist/index.js";
import type { CommandContext, Io } from "../commands/context.js";
import { EXIT } from "../errors.js";
import { readMarker } from "../report/marker.js";
import { startSandbox } from "../sandbox/index.js";
import { demoConfig } from "./config.js";
import { endgameSteps } from "./endgame.js";
import { type DemoMetrics, startDemoMetrics } from "./metrics.js";
import { type DemoReceiver, describeReceived, startDemoReceiver } from "./receiver.js";
import {
  DEMO_FLAG,
  DEMO_INSTANCES,
  DEMO_ISSUE_IID,
  DEMO_PROJECT,
  demoSeed,
  demoTokens,
} from "./seed.js";
import { type Step, startedBy } from "./step.js";
import { rolloutSteps, scriptHealthyMetrics } from "./story.js";

/** The CLI as a function; main passes itself in, so the demo runs the very commands a job runs. */
export type Cli = (argv: string[], io: Io) => Promise<number>;

export interface DemoOptions {
  /** The told demo's scenes: a refusal too early, the incident, the breach (need `services`). */
  scenes: boolean;
  /** Health checks on the metrics stand-in and notifications to the receiver. */
  services: boolean;
  /**
   * The schedule's `advance` takes the production steps and the second press of release and
   * cleanup (auto_advance: global, finish_by_schedule: true; needs `services`).
   */
  autoAdvance?: boolean;
  /** The rollout issue's text (default: the demo's own). */
  rolloutIssue?: string;
}

/** What ran, for the human-actions benchmark. */
export interface DemoRun {
  jobs: { args: string[]; by: NonNullable<Step["by"]>; code: number }[];
  /** The rollout issue's description at the end. */
  finalIssue: string;
  configPath: string;
}

export async function runDemo(
  cmd: CommandContext,
  main: Cli,
  options: DemoOptions,
): Promise<{ code: number; run: DemoRun }> {
  const started = Date.now();
  const say = (text = "") => cmd.io.sink.stdout(`${cmd.redactor.redact(text)}\n`);
  const sandbox = await startSandbox({ seed: demoSeed(options.rolloutIssue) });
  let metrics: DemoMetrics | undefined;
  let receiver: DemoReceiver | undefined;
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-demo-"));
  const run: DemoRun = { jobs: [], finalIssue: "", configPath: join(dir, "ff-rollout.yml") };
  try {
    if (options.services) {
      [metrics, receiver] = await Promise.all([startDemoMetrics(), startDemoReceiver()]);
      scriptHealthyMetrics(metrics);
    }
    const { configPath } = run;
    const url = (name: string) => sandbox.instanceUrl(name);
    writeFileSync(
      configPath,
      stringify(
        demoConfig(
          url,
          metrics
            ? { metricsUrl: metrics.url, autoAdvance: options.autoAdvance === true }
            : undefined,
        ),
      ),
    );
    const tokens = demoTokens();
    for (const token of Object.values(tokens)) cmd.redactor.add(token);
    const env = {
      FF_DEV_TOKEN: tokens.dev,
      FF_STAGING_TOKEN: tokens.staging,
      FF_PROD_TOKEN: tokens.production,
      FF_ISSUES_TOKEN: tokens.production,
      ...(receiver
        ? {
            FF_SLACK_PRODUCTION: receiver.url("slack"),
            FF_SLACK_SUPPORT: receiver.url("support"),
            FF_WEBHOOK_TEAM: receiver.url("webhook"),
          }
        : {}),
      // What a CI job would know about itself, so the audit note shows who ran what, from where.
      CI_JOB_ID: "4242",
      CI_JOB_NAME: "ff-rollout:non-production",
      CI_JOB_URL: `${url("production")}/${DEMO_PROJECT}/-/jobs/4242`,
      CI_PIPELINE_ID: "777",
      CI_PIPELINE_URL: `${url("production")}/${DEMO_PROJECT}/-/pipelines/777`,
      GITLAB_USER_LOGIN: "jane",
    };
    const cli = (args: string[], jobEnv: Record<string, string>) => {
      const report = args[0] === "status" ? ["--report", join(dir, "report.json")] : [];
      return main([...args, "--config", configPath, ...report], {
        ...cmd.io,
        env: { ...env, ...jobEnv },
        cwd: dir,
      });
    };
    const issue = () => sandbox.state("production").issue(DEMO_PROJECT, DEMO_ISSUE_IID);

    say(
      "ff-rollout demo: a feature flag's whole life, from merged to removed, on a local GitLab sandbox (no account, no network)",
    );
    say();
    say(
      `Sandbox: ${DEMO_INSTANCES.length} GitLab instances: ${DEMO_INSTANCES.map((n) => `${n} ${url(n)}`).join(", ")}`,
    );
    if (metrics && receiver) {
      say(
        `Metrics: the demo's stand-in for Prometheus's query API at ${metrics.url} (scripted series for the default 5xx and 302 checks; the tests use a real Prometheus)`,
      );
      say(
        "Notifications: a local receiver stands for Slack's #production and the team's JSON webhook; what it receives is printed after each step (⇢)",
      );
    }
    say(
      `Flag \`${DEMO_FLAG}\`; rollout issue ${url("production")}/${DEMO_PROJECT}/-/issues/${DEMO_ISSUE_IID}`,
    );
    say(
      `It is a beta flag, which GitLab allows to ship enabled by default, so the release phase can open its merge request (for a gitlab_com_derisk flag it refuses, by GitLab's rule); the demo ends with the cleanup.`,
    );
    say(`Config: ${configPath} (tokens come from FF_*_TOKEN variables, never from the file)`);

    const before = issue().description;
    say();
    say("Checklist before:");
    printChecklist(before, say);

    // Each step runs the real CLI as the CI job of that phase would. Between production steps the
    // sandbox's clock is moved on by the soak time instead of waiting: GitLab's clock is what
    // the soak is measured on, so this is exactly what 15 real minutes would do.
    const steps: Step[] = [
      ...rolloutSteps(
        { sandbox, ...(metrics ? { metrics } : {}) },
        { scenes: options.scenes, autoAdvance: options.autoAdvance === true },
      ),
      ...endgameSteps(sandbox, { finishBySchedule: options.autoAdvance === true }).filter(
        (step) => options.scenes || !step.scene,
      ),
      { title: "Where do we stand now?", args: ["status"] },
    ];
    for (const [i, step] of steps.entries()) {
      say();
      say(`━━ Step ${i + 1}/${steps.length}: ${step.title}`);
      if (step.advance) {
        sandbox.clock.advance(step.advance);
        say(
          `   (sandbox clock moved ${describeMinutes(step.advance / 60_000)} ahead; GitLab's clock is what soak times are measured on)`,
        );
      }
      for (const line of step.before?.() ?? []) say(`   ${line}`);
      const args = typeof step.args === "function" ? step.args() : step.args;
      say(`   $ ff-rollout ${args.join(" ")}`);
      const phase =
        args[0] === "run" ? args.slice(1).join("-").replace("--percentage-", "") : args[0];
      const job = String(4242 + i);
      const code = await cli(args, {
        CI_JOB_ID: job,
        CI_JOB_NAME: `ff-rollout:${phase}`,
        CI_JOB_URL: `${url("production")}/${DEMO_PROJECT}/-/jobs/${job}`,
        ...(step.pipeline
          ? {
              CI_PIPELINE_ID: step.pipeline,
              CI_PIPELINE_URL: `${url("production")}/${DEMO_PROJECT}/-/pipelines/${step.pipeline}`,
            }
          : {}),
      });
      run.jobs.push({ args, by: startedBy(step, args), code });
      for (const message of receiver?.take() ?? [])
        for (const line of describeReceived(message)) say(`   ${line}`);
      const expected = step.expect ?? EXIT.ok;
      if (code !== expected) {
        say(
          `The demo stopped: ff-rollout ${args.join(" ")} exited with ${code}, expected ${expected}.`,
        );
        return { code: code === EXIT.ok ? EXIT.gitlab : code, run };
      }
      if (expected !== EXIT.ok)
        say(
          args[0] === "watch"
            ? `   ↳ exit code ${code}: the watch failed the job after rolling production back. That is the tool doing its job.`
            : `   ↳ exit code ${code}: refused, nothing was changed. That is the tool doing its job.`,
        );
      for (const line of step.after?.() ?? []) say(`   ${line}`);
    }

    const after = issue().description;
    run.finalIssue = after;
    say();
    say("Checklist after (ticked by the job):");
    printChecklist(after, say, before);
    const notes = sandbox
      .state("production")
      .notes(DEMO_PROJECT, DEMO_ISSUE_IID)
      .filter((n) => !n.system && readMarker(n.body) !== undefined);
    say();
    say(
      `Audit notes on the issue: ${notes.length} (one per run that did something), plus one status note. The latest, as a person reads it:`,
    );
    const latest = notes.at(-1)?.body ?? "(none)";
    for (const line of latest.split("\n"))
      if (!line.startsWith("<!-- ff-rollout")) say(`  │ ${line}`);
    say();
    say(
      `Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s. Requests the sandbox served: ${sandbox.log.length}.`,
    );
    say(
      "Next: `npm test` runs every test; the README explains the configuration and the CI component.",
    );
    return { code: EXIT.ok, run };
  } finally {
    await Promise.all([sandbox.close(), metrics?.close(), receiver?.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints each task item as its box and text; with `before`, marks the ones that changed. */
function printChecklist(description: string, say: (text: string) => void, before?: string): void {
  const old = before ? parseTaskList(before) : undefined;
  let section = "";
  for (const item of parseTaskList(description)) {
    const heading = item.headings.at(-1) ?? "";
    if (heading !== section) {
      section = heading;
      say(`  ${heading}`);
    }
    const was = old?.find(
      (o) => o.headings.join() === item.headings.join() && o.text === item.text,
    );
    const changed = was !== undefined && was.checked !== item.checked;
    const indent = "  ".repeat(item.depth + 2);
    say(`${indent}[${item.checked ? "x" : " "}] ${item.text}${changed ? "   ← ticked now" : ""}`);
  }
}

function describeMinutes(minutes: number): string {
  return minutes >= 24 * 60 ? `${minutes / (24 * 60)} day` : `${minutes} minutes`;
}
