// One end-to-end world: the sandbox running as its own process with the rollout world seed (dev,
// staging, production; on production the rollout issue, the flag's definition and merge request,
// the deployments, milestones), and a project that includes the rollout and readiness
// components for the seed's flag, with a config that points at the sandbox (the same as the
// integration tests' phase runner) and the seed's tokens as project CI/CD variables.
// The flag is a `beta` flag (its definition moved by one more commit on master, as in the release
// world), so that the release phase may ship it enabled by default, and the rollout issue has
// GitLab's release and cleanup sections too: the world serves the whole rollout, to the end.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMarker } from "../../../src/report/marker.js";
import type { SandboxSeed } from "../../../src/sandbox/index.js";
import { baseConfig } from "../../helpers/config-files.js";
import { endgameChecklist, releaseWorldSeed } from "../../helpers/release-world.js";
import {
  FLAG,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
  rolloutChecklist,
  TOKENS,
} from "../../helpers/seeds.js";
import { type ComponentProject, cliInput, createComponentProject } from "./component-project.js";
import { type GclResult, runGitlabCiLocal } from "./gitlab-ci-local.js";
import { DEPLOYMENTS, PERCENTAGES } from "./phases.js";
import {
  type InstanceSnapshot,
  type SandboxProcess,
  startSandboxProcess,
} from "./sandbox-process.js";

export const JOB_PREFIX = "ff-rollout";

export interface WorldOptions {
  seed?: SandboxSeed;
  /** Changes to the config file (the shared part below), for a world that needs another one. */
  config?: (config: Record<string, unknown>) => Record<string, unknown>;
  /** Inputs of the rollout include, on top of the defaults below. */
  inputs?: Record<string, unknown>;
  /** The project's stages, when the inputs need others than the default ones. */
  stages?: string[];
}

export interface World {
  sandbox: SandboxProcess;
  project: ComponentProject;
  flag: string;
  /** The full job name of a phase job: "ff-rollout:<flag>:<job>". */
  job(job: string): string;
  /** The push pipeline: every job that runs without a person (the manual jobs wait). */
  push(): Promise<GclResult>;
  /** A scheduled pipeline: what runs by itself when a pipeline schedule fires. */
  schedule(): Promise<GclResult>;
  /** Presses play on one manual job, as the play button does: that job only. */
  play(job: string, variables?: Record<string, string>): Promise<GclResult>;
  /** The write requests (anything but GET) the jobs sent, from the sandbox's request log. */
  writes(): Promise<string[]>;
  /** The audit notes on the rollout issue (those carrying the JSON marker), oldest first. */
  auditNotes(): Promise<{ phase: string; body: string }[]>;
  /** The rollout issue's description. */
  checklist(): Promise<string>;
  /** An issue of the project on the home instance (production), e.g. to see it closed. */
  issue(iid: number): Promise<InstanceSnapshot["issues"][number] | undefined>;
  /** The project's merge requests from a source branch, on the home instance. */
  mergeRequests(sourceBranch: string): Promise<InstanceSnapshot["merge_requests"]>;
  stop(): Promise<void>;
}

/**
 * The rollout world's issue: the rollout checklist up to global, then the release and cleanup
 * sections of GitLab's template (release-world.ts) instead of its one-line cleanup.
 */
function e2eChecklist(): string {
  const rollout = rolloutChecklist();
  const endgame = endgameChecklist();
  return (
    rollout.slice(0, rollout.indexOf("### Cleanup")) +
    endgame.slice(endgame.indexOf("### (Optional) Release"))
  );
}

/** The seed of the default world: the flag off everywhere, its merge commit deployed everywhere. */
export function e2eWorldSeed(): SandboxSeed {
  return releaseWorldSeed({
    flag: { boolean: false },
    deployedAt: { "gprd-cny": "merge", gprd: "merge" },
    description: e2eChecklist(),
  });
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const work = mkdtempSync(join(tmpdir(), "ff-rollout-e2e-sandbox-"));
  // The merge commit deployed everywhere, so the production phases find it deployed.
  const seed = options.seed ?? e2eWorldSeed();
  const sandbox = await startSandboxProcess(seed, work);
  try {
    const urls = {
      dev: sandbox.instanceUrl("dev"),
      staging: sandbox.instanceUrl("staging"),
      production: sandbox.instanceUrl("production"),
    };
    // The flag and the rollout issue come from the include's inputs, as when one project rolls
    // out several flags with one config file: the file holds only what the flags share.
    const { flag: _flag, rollout_issue: _issue, ...base } = baseConfig(urls);
    const shared = {
      ...base,
      milestone: "19.7",
      deployments: { project: PROJECT, ...DEPLOYMENTS },
    };
    const inputs = {
      flag: FLAG,
      rollout_issue: `${PROJECT}#${ISSUE_IID}`,
      percentages: PERCENTAGES,
      cli: cliInput(),
      ...options.inputs,
    };
    const project = createComponentProject({
      includes: [
        { component: "rollout", inputs },
        {
          component: "readiness",
          inputs: { flag: inputs.flag, rollout_issue: inputs.rollout_issue, cli: inputs.cli },
        },
      ],
      config: options.config ? options.config(shared) : shared,
      ...(options.stages ? { stages: options.stages } : {}),
      variables: {
        FF_DEV_TOKEN: TOKENS.dev.admin,
        FF_STAGING_TOKEN: TOKENS.staging.admin,
        FF_PROD_TOKEN: TOKENS.production.admin,
        FF_ISSUES_TOKEN: TOKENS.production.user,
      },
    });
    const world = worldOf(sandbox, project, String(inputs.flag));
    return {
      ...world,
      stop: async () => {
        await sandbox.stop();
        for (const dir of [work, project.dir]) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

function worldOf(sandbox: SandboxProcess, project: ComponentProject, flag: string): World {
  const job = (name: string) => `${JOB_PREFIX}:${flag}:${name}`;
  const issueOf = async (iid: number) => {
    const state = await sandbox.state("production");
    return {
      state,
      found: state.issues.find((i) => i.projectId === PROJECT_ID && i.iid === iid),
    };
  };
  const issue = async () => {
    const { state, found } = await issueOf(ISSUE_IID);
    if (!found) throw new Error(`no issue ${PROJECT}#${ISSUE_IID} in the sandbox`);
    return { state, issue: found };
  };
  return {
    sandbox,
    project,
    flag,
    job,
    push: () => runGitlabCiLocal(project.dir, []),
    schedule: () =>
      runGitlabCiLocal(project.dir, [], { variables: { CI_PIPELINE_SOURCE: "schedule" } }),
    play: (name, variables) =>
      runGitlabCiLocal(project.dir, ["--manual", job(name), job(name)], {
        ...(variables ? { variables } : {}),
      }),
    writes: async () =>
      (await sandbox.log())
        .filter((entry) => entry.method !== "GET")
        .map((entry) => `${entry.method} /${entry.instance}${entry.path} -> ${entry.status}`),
    auditNotes: async () => {
      const { state, issue: found } = await issue();
      return state.notes
        .filter((note) => note.issueId === found.id && !note.system)
        .flatMap((note) => {
          const event = readMarker(note.body);
          return event ? [{ phase: event.phase, body: note.body }] : [];
        });
    },
    checklist: async () => (await issue()).issue.description,
    issue: async (iid) => (await issueOf(iid)).found,
    mergeRequests: async (sourceBranch) =>
      (await sandbox.state("production")).merge_requests.filter(
        (mr) => mr.projectId === PROJECT_ID && mr.sourceBranch === sourceBranch,
      ),
    stop: () => sandbox.stop(),
  };
}
