// One step of the demo's story: what people or GitLab do first, the CLI command a CI job runs,
// the exit code it should end with, and what follows from it.

export interface Step {
  title: string;
  /** The CLI's arguments; a function when they are known only by then (an MR's URL). */
  args: string[] | (() => string[]);
  /** Move GitLab's (the sandbox's) clock on first, in milliseconds. */
  advance?: number;
  /** The exit code this step should end with (default 0). */
  expect?: number;
  /** What people or GitLab do before the job runs, in the sandbox; returns what to say. */
  before?: () => string[];
  /** What follows from the job, done once it ended; returns what to say. */
  after?: () => string[];
  /** The job runs in another pipeline (a merge to master starts one). */
  pipeline?: string;
  /**
   * Who starts the job: a person pressing play (the default for `run`), the pipeline itself
   * (status, and watch right after a production step), or a schedule. The human-actions
   * benchmark counts the plays.
   */
  by?: "person" | "pipeline" | "schedule";
  /** A scene of the told demo only (a deliberate refusal, the incident, the breach), left out
   *  of the plain rollout the benchmark counts. */
  scene?: boolean;
}

/** Who starts a step's job: its own say, else a person for `run`, the pipeline for the rest. */
export function startedBy(step: Step, args: string[]): NonNullable<Step["by"]> {
  return step.by ?? (args[0] === "run" ? "person" : "pipeline");
}
