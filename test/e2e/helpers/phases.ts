// The rollout as the e2e test plays it: one row per press of a play button, in the template's
// order, with what must be true after it. After global, production is rolled back (and then
// everything), a fix goes out and global is played again in the new pipeline; then release and
// cleanup, whose second play waits for a person to merge the cleanup MR and production to deploy
// it (`before`).

import { CODE_WITHOUT_FLAG } from "../../helpers/release-world.js";
import {
  FEATURE_ISSUE_IID,
  FLAG,
  INSTANCES,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  TOKENS,
} from "../../helpers/seeds.js";
import type { World } from "./rollout-world.js";

type Gate = Partial<{
  boolean: boolean;
  actors: string[];
  percentage_of_actors: number;
  percentage_of_time: number;
}>;

export interface StepExpectation {
  /** The flag's gates per instance after the job (a subset: what this phase decides). */
  gates: Record<string, Gate>;
  /** Substrings of checklist items that must be ticked (`- [x]`) after the job. */
  ticked: string[];
  /** Text the job's audit note must contain. */
  note?: string;
  /** Instances where the flag must be absent (deleted) after the job. */
  deleted?: string[];
  /** Issues of the project on the home instance that must be closed after the job. */
  closed?: number[];
  /** The one merge request from this source branch, and its state after the job. */
  mergeRequest?: { sourceBranch: string; state: "opened" | "merged" };
}

export interface Step {
  /** The job after <job_prefix>:<flag>:, e.g. "non-production" or "rollout: [10]". */
  job: string;
  /** The phase the job runs, as its audit note records it. */
  phase: string;
  /** Minutes the sandbox clock moves before the job, so a soak period can pass. */
  soakMinutes?: number;
  /** What happens in the world before the job is played (a push, a person merging...). */
  before?: (world: World) => Promise<void>;
  /** What the test calls the step, when not "plays <job>". */
  title?: string;
  /** Variables set in the Run job form when pressing play. */
  variables?: Record<string, string>;
  expect?: StepExpectation;
}

const on: Gate = { boolean: true };
const off: Gate = { boolean: false };

/** The percentage steps the e2e project passes as the `percentages` input. */
export const PERCENTAGES = [10, 50];

/** The config's `deployments`: where the definition project's commits are deployed. */
export const DEPLOYMENTS = {
  "non-production": ["gstg-cny", "gstg"],
  production: ["gprd-cny", "gprd"],
};

const RELEASE_BRANCH = `ff-rollout/${FLAG}-default-enabled`;
const CLEANUP_BRANCH = `ff-rollout/${FLAG}-cleanup`;

/** A push to the default branch (the fix, say): a new pipeline, whose status job must pass. */
async function newPipeline(world: World): Promise<void> {
  const result = await world.push();
  if (result.code !== 0) throw new Error(`the push pipeline failed:\n${result.output}`);
}

/**
 * A person removes the code that reads the flag on the cleanup MR (pushed through GitLab's
 * commits API, as their IDE would), merges it, and production deploys its merge commit, as CD
 * would.
 */
export async function mergeAndDeployCleanup(world: World): Promise<void> {
  const [mr] = await world.mergeRequests(CLEANUP_BRANCH);
  if (!mr) throw new Error(`no merge request from ${CLEANUP_BRANCH}`);
  const commits = `${world.sandbox.instanceUrl("production")}/api/v4/projects/${encodeURIComponent(PROJECT)}/repository/commits`;
  const pushed = await fetch(commits, {
    method: "POST",
    headers: { "content-type": "application/json", "private-token": TOKENS.production.admin },
    body: JSON.stringify({
      branch: CLEANUP_BRANCH,
      commit_message: "Stop reading the flag",
      actions: Object.entries(CODE_WITHOUT_FLAG).map(([path, content]) => ({
        action: "update",
        file_path: path,
        content,
      })),
    }),
  });
  if (pushed.status !== 201) throw new Error(`the person's push failed: ${pushed.status}`);
  const sha = await world.sandbox.merge("production", PROJECT, mr.iid, "dana");
  for (const environment of DEPLOYMENTS.production) {
    await world.sandbox.deploy("production", PROJECT, environment, sha);
  }
}

const percentage = (p: number): Step => ({
  job: `rollout: [${p}]`,
  phase: "rollout",
  soakMinutes: 16,
  expect: { gates: { production: { percentage_of_actors: p } }, ticked: [`${FLAG} ${p} --actors`] },
});

export const STEPS: Step[] = [
  {
    job: "non-production",
    phase: "non-production",
    expect: {
      gates: { dev: on, staging: on, production: off },
      ticked: [`feature set ${FLAG} true --dev --staging`, "merge request that adds the flag"],
    },
  },
  {
    job: "production-actors",
    phase: "production-actors",
    expect: {
      gates: { production: { boolean: false, actors: [`Project:${PROJECT_ID}`] } },
      ticked: [],
    },
  },
  { job: "prepare", phase: "prepare", expect: { gates: { production: off }, ticked: [] } },
  ...PERCENTAGES.map(percentage),
  {
    job: "global",
    phase: "global",
    soakMinutes: 16,
    expect: {
      gates: { production: { ...on, percentage_of_actors: 0 } },
      ticked: [`${FLAG} true\``],
    },
  },
  {
    job: "rollback",
    phase: "rollback",
    title: "plays rollback with FF_ROLLOUT_ENVIRONMENTS=staging (QA fails there): staging only",
    variables: { FF_ROLLOUT_ENVIRONMENTS: "staging", FF_ROLLOUT_REASON: "QA red on staging" },
    expect: {
      gates: { staging: off, production: on, dev: on },
      ticked: [],
      note: "Reason: QA red on staging",
    },
  },
  {
    job: "rollback",
    phase: "rollback",
    title: "plays rollback again for production (the same job played again: a note of its own)",
    variables: { FF_ROLLOUT_REASON: "errors in the graph" },
    expect: {
      gates: { production: off, dev: on },
      ticked: [],
      note: "Reason: errors in the graph",
    },
  },
  {
    job: "rollback",
    phase: "rollback",
    title: "plays rollback again with FF_ROLLOUT_EVERYWHERE=true",
    variables: { FF_ROLLOUT_EVERYWHERE: "true", FF_ROLLOUT_REASON: "off everywhere" },
    expect: {
      gates: { dev: off, staging: off, production: off },
      ticked: [],
      note: "off everywhere",
    },
  },
  {
    job: "global",
    phase: "global",
    title: "plays global again in the pipeline of the fix, once the soak is over",
    before: newPipeline,
    soakMinutes: 16,
    expect: { gates: { production: on, dev: off }, ticked: [`${FLAG} true\``] },
  },
  {
    job: "release",
    phase: "release",
    title: "plays release the next day (GitLab's process waits a day fully on)",
    soakMinutes: 25 * 60,
    expect: {
      gates: { production: on },
      ticked: ["sets `default_enabled` to `true`"],
      note: "opened the default-enabled merge request",
      mergeRequest: { sourceBranch: RELEASE_BRANCH, state: "opened" },
    },
  },
  {
    job: "cleanup",
    phase: "cleanup",
    title: "plays cleanup: it opens the cleanup merge request and deletes nothing yet",
    expect: {
      gates: { production: on, dev: off, staging: off },
      ticked: ["Remove the YAML definitions"],
      note: "opened the cleanup merge request",
      mergeRequest: { sourceBranch: CLEANUP_BRANCH, state: "opened" },
    },
  },
  {
    job: "cleanup",
    phase: "cleanup",
    title: "plays cleanup again once a person merged the MR and production deployed it",
    before: mergeAndDeployCleanup,
    expect: {
      gates: {},
      deleted: [...INSTANCES],
      closed: [ISSUE_IID, FEATURE_ISSUE_IID],
      ticked: [
        "cleanup MR is deployed to production",
        "Close the feature issue",
        "Delete the flag on every environment",
        "feature delete",
        "Close this rollout issue",
      ],
      mergeRequest: { sourceBranch: CLEANUP_BRANCH, state: "merged" },
    },
  },
];
