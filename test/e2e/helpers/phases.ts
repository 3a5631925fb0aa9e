// The rollout as the e2e test plays it: one row per manual job, in the template's order, with
// what must be true after it. A phase that the CLI does not have yet is a row with `pending`;
// the test writes it as it.todo with that reason. When the phase lands, replace `pending` with
// its expectation: one line.

import { FLAG, PROJECT_ID } from "../../helpers/seeds.js";

export const NOT_IN_CLI = "phase not in the CLI yet";

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
}

export interface Step {
  /** The job after <job_prefix>:<flag>:, e.g. "non-production" or "rollout: [10]". */
  job: string;
  /** The phase the job runs, as its audit note records it. */
  phase: string;
  /** Minutes the sandbox clock moves before the job, so a soak period can pass. */
  soakMinutes?: number;
  /** What the test calls the step, when not "plays <job>". */
  title?: string;
  /** Variables set in the Run job form when pressing play. */
  variables?: Record<string, string>;
  /**
   * The job was played before in this pipeline: a retried job edits its audit note instead of
   * adding one, so the last note is checked rather than a new one.
   */
  replay?: boolean;
  /** Why the step cannot be played yet; the test is an it.todo with this reason. */
  pending?: string;
  expect?: StepExpectation;
}

const on: Gate = { boolean: true };
const off: Gate = { boolean: false };

/** The percentage steps the e2e project passes as the `percentages` input. */
export const PERCENTAGES = [10, 50];

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
  { job: "release", phase: "release", pending: NOT_IN_CLI },
  { job: "cleanup", phase: "cleanup", pending: NOT_IN_CLI },
  {
    job: "rollback",
    phase: "rollback",
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
    replay: true,
    variables: { FF_ROLLOUT_EVERYWHERE: "true", FF_ROLLOUT_REASON: "off everywhere" },
    expect: {
      gates: { dev: off, staging: off, production: off },
      ticked: [],
      note: "off everywhere",
    },
  },
];
