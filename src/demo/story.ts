// The demo's rollout up to global, step by step. The told demo has scenes: a play too early
// (refused by the soak), the health gate's figures before each production step, an incident
// refusing a step, and a breach during `watch` that rolls production back; after the fix is
// deployed the rollout resumes at the same step and goes on to global, so the story ends as every
// rollout should. The plain rollout (what the human-actions benchmark counts) leaves the scenes out.

import { defaultChecks } from "../health/defaults.js";
import type { Sandbox } from "../sandbox/index.js";
import { DEMO_SOAK_MINUTES } from "./config.js";
import {
  declareIncident,
  deployFix,
  INCIDENT_LABELS,
  resolveIncident,
  tickPreparationItems,
} from "./happenings.js";
import type { DemoMetrics } from "./metrics.js";
import { INCIDENT_PROJECT } from "./names.js";
import type { Step } from "./step.js";

/** One minute more than the soak: GitLab's Date header has whole seconds. */
export const SOAK_MS = (DEMO_SOAK_MINUTES + 1) * 60_000;

// Workhorse's ratios on a healthy day, and while the new graph fails for pipelines with many needs.
const HEALTHY_5XX = 0.0021;
const FAILING_5XX = 0.034;
const HEALTHY_302 = 0.048;

export interface StoryWorld {
  sandbox: Sandbox;
  /** The metrics stand-in; the scenes need it (the breach is scripted on it). */
  metrics?: DemoMetrics;
}

export interface StoryOptions {
  /** The told demo's scenes; without them, the plain rollout. */
  scenes: boolean;
  /** The schedule's `advance` takes the production steps (auto_advance: global). */
  autoAdvance: boolean;
}

/** The metric series the default checks query, scripted healthy from the start. */
export function scriptHealthyMetrics(metrics: DemoMetrics): void {
  const [errors, redirects] = defaultChecks();
  metrics.define(errors!.query, HEALTHY_5XX);
  metrics.define(redirects!.query, HEALTHY_302);
}

export function rolloutSteps(world: StoryWorld, options: StoryOptions): Step[] {
  const { sandbox, metrics } = world;
  const now = () => sandbox.clock.now();
  const errors = defaultChecks()[0]!.query;
  let incident: { iid: number; title: string } | undefined;
  const scenes = options.scenes && metrics !== undefined;
  const steps: Step[] = [
    { title: "Where do we stand?", args: ["status"] },
    { title: "Play the non-production job", args: ["run", "non-production"] },
    {
      title: "Play production-actors: on for gitlab-org/gitlab first",
      args: ["run", "production-actors"],
    },
    {
      title: "Play prepare: milestone, feature issue, the team's checks",
      before: () => {
        const ticked = tickPreparationItems(
          sandbox,
          metrics && { metricsUrl: "http://127.0.0.1/metrics" },
        );
        return ticked.length === 0
          ? []
          : [
              `(a person ticks the ${ticked.length} preparation item(s) that are theirs, in the sandbox's issue: ${ticked.join(" / ")})`,
            ];
      },
      args: ["run", "prepare"],
    },
    {
      title: "Play the 10% job too early: refused, production changed less than 15 minutes ago",
      args: ["run", "rollout", "--percentage", "10"],
      expect: 1,
      scene: true,
    },
    {
      title: scenes
        ? "16 minutes later (the sandbox clock moves on), play 10% again: the health gate reads the 5xx and 302 ratios first"
        : "16 minutes later, play 10%",
      args: ["run", "rollout", "--percentage", "10"],
      advance: SOAK_MS,
    },
    {
      title: "16 minutes later, an incident is open: play 50%: refused by the incident check",
      advance: SOAK_MS,
      before: () => {
        incident = declareIncident(sandbox);
        return [
          `(the SRE on call declares ${INCIDENT_PROJECT}#${incident.iid} "${incident.title}", labelled ${INCIDENT_LABELS.join(", ")}: an issue made in the sandbox)`,
        ];
      },
      args: ["run", "rollout", "--percentage", "50"],
      expect: 1,
      scene: true,
    },
    {
      title: scenes ? "The incident is resolved: play 50% again" : "16 minutes later, play 50%",
      ...(scenes ? {} : { advance: SOAK_MS }),
      before: () => {
        if (!incident) return [];
        resolveIncident(sandbox, incident.iid);
        return [`(the SRE closes ${INCIDENT_PROJECT}#${incident.iid}: the sandbox's issue closed)`];
      },
      args: ["run", "rollout", "--percentage", "50"],
    },
    {
      title:
        "The watch job runs right after the step: a minute later the 5xx ratio breaches, and production is rolled back",
      advance: 60_000,
      before: () => {
        metrics!.change(errors, new Date(now().getTime() - 30_000), FAILING_5XX);
        return [
          "(30 s ago the new graph started failing for pipelines with many needs: the demo's metrics stand-in now serves a 5xx ratio of 3.4 %)",
        ];
      },
      after: () => {
        metrics!.change(errors, now(), HEALTHY_5XX);
        return [
          "(with the flag off on production the errors stop: the 5xx ratio is back at 0.2 %)",
        ];
      },
      args: ["watch"],
      by: "pipeline",
      expect: 1,
      scene: true,
    },
    {
      // The rollback's `false` cleared the actors' gate: a percentage step refuses until
      // production-actors has enabled them again, as GitLab's process has it.
      title:
        "The fix is deployed; 16 minutes later, play production-actors again: the rollback cleared the actors' gate",
      advance: SOAK_MS,
      before: () => {
        const sha = deployFix(sandbox);
        return [
          `(jane merges a fix, ${sha.slice(0, 8)}, and production deploys it: a commit and deployments recorded in the sandbox)`,
        ];
      },
      args: ["run", "production-actors"],
      scene: true,
    },
    {
      title: "16 minutes later, play 50% again: the gate passes",
      advance: SOAK_MS,
      args: ["run", "rollout", "--percentage", "50"],
      scene: true,
    },
    { title: "16 minutes later, play global", args: ["run", "global"], advance: SOAK_MS },
  ];
  const kept = steps.filter((step) => scenes || !step.scene);
  return options.autoAdvance ? kept.map((step, i) => scheduled(step, i)) : kept;
}

/** With auto-advance, each production step is the schedule's `advance`, once the soak is over. */
function scheduled(step: Step, index: number): Step {
  const args = typeof step.args === "function" ? undefined : step.args;
  const production = args?.[0] === "run" && (args[1] === "rollout" || args[1] === "global");
  if (!production) return step;
  return {
    ...step,
    title: "16 minutes later, the schedule runs advance: the next production step, by itself",
    args: ["advance"],
    by: "schedule",
    // Each run of a schedule is a pipeline of its own, as on GitLab. In one shared pipeline the
    // same job name would make each step look like a retry of the one before (audit-note.ts
    // edits a retried job's note), and the history would lose a step.
    pipeline: String(900 + index),
  };
}
