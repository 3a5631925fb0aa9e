// The demo's last act: release and cleanup. Between the jobs, what people and GitLab do is done
// to the sandbox directly, and the demo says so: a person merges a merge request (the sandbox's
// merge), the release managers cut the stable branch, a person pushes the code without the flag
// to the cleanup MR, and production deploys (a deployment recorded in the sandbox's state,
// standing in for the CD job).

import { cleanupBranch, defaultEnabledBranch } from "../engine/release-facts.js";
import { EXIT } from "../errors.js";
import { recordDeployment, type Sandbox } from "../sandbox/index.js";
import { DEMO_FLAG, DEMO_PROJECT } from "./names.js";
import type { Step } from "./step.js";
import { CODE_WITHOUT_FLAG } from "./world.js";

const DAY_MS = 24 * 60 * 60_000;
const STABLE_BRANCH = "19-7-stable-ee";

/**
 * The endgame; with `finishBySchedule`, each phase's second press is the schedule's `advance`
 * (finish_by_schedule), not a person's play.
 */
export function endgameSteps(sandbox: Sandbox, options: { finishBySchedule: boolean }): Step[] {
  const home = () => sandbox.state("production");
  const project = () => home().projectByRef(DEMO_PROJECT)!;
  const repo = () => home().repository(project().id);
  const mrFrom = (branch: string) => {
    const mr = home().mergeRequests.find(
      (m) => m.projectId === project().id && m.sourceBranch === branch,
    );
    if (!mr) throw new Error(`the demo expected a merge request from ${branch}`);
    return mr;
  };
  const mrUrl = (branch: string) =>
    `${sandbox.instanceUrl("production")}/${DEMO_PROJECT}/-/merge_requests/${mrFrom(branch).iid}`;
  const release = defaultEnabledBranch(DEMO_FLAG);
  const cleanup = cleanupBranch(DEMO_FLAG);

  return [
    {
      title: "A day later, play release: a merge request that ships the flag on by default",
      args: ["run", "release"],
      advance: DAY_MS,
    },
    {
      title: "Is it in the 19.7 release? (what `/chatops run release check` answers)",
      before: () => {
        const mr = mrFrom(release);
        home().mergeMergeRequest(project().id, mr.iid, { user: "jane" });
        repo().branches.set(STABLE_BRANCH, repo().branches.get("master")!);
        return [
          `(a person, jane, merges !${mr.iid}: the sandbox's merge, as the Merge button would)`,
          `(the release managers cut ${STABLE_BRANCH} from master: a branch made in the sandbox)`,
        ];
      },
      args: () => ["release-check", mrUrl(release), "19.7"],
      // A person asks, as with ChatOps; the release phase checks the same by itself.
      by: "person",
    },
    options.finishBySchedule
      ? {
          title:
            "The schedule runs advance: the release jane started is merged and in 19.7, so it does the release steps, by schedule",
          args: ["advance"],
          by: "schedule",
        }
      : {
          title: "Play release again: it reports the merged MR and ticks the release check",
          args: ["run", "release"],
        },
    {
      title: "Play cleanup: the cleanup MR, listing the code that still reads the flag",
      args: ["run", "cleanup"],
    },
    {
      title: "Play cleanup again at once: refused, the cleanup MR is not merged",
      args: ["run", "cleanup"],
      expect: EXIT.refused,
      scene: true,
    },
    ...(options.finishBySchedule
      ? [
          {
            title:
              "The schedule runs advance while the cleanup MR is open: it waits, and writes nothing",
            args: ["advance"],
            by: "schedule" as const,
          },
        ]
      : []),
    {
      title: options.finishBySchedule
        ? "Once the cleanup MR is merged and deployed, the schedule runs advance: the flag goes everywhere, by schedule"
        : "Once the cleanup MR is merged and deployed, play cleanup: the flag goes everywhere",
      before: () => removeFlagAndDeploy(sandbox, mrFrom(cleanup).iid, cleanup),
      // The merge started a new pipeline on master; its job is a new job, not a retry.
      pipeline: "778",
      args: options.finishBySchedule ? ["advance"] : ["run", "cleanup"],
      ...(options.finishBySchedule ? { by: "schedule" as const } : {}),
    },
  ];
}

/** A person removes the flag from the code and merges; production deploys the merge commit. */
function removeFlagAndDeploy(sandbox: Sandbox, iid: number, branch: string): string[] {
  const home = sandbox.state("production");
  const project = home.projectByRef(DEMO_PROJECT)!;
  const repo = home.repository(project.id);
  const jane = { name: "Jane Developer", email: "jane@example.com" };
  const pushed = repo.addCommit({
    parentIds: [repo.branches.get(branch)!],
    message: `Remove ${DEMO_FLAG} from the code`,
    author: jane,
    authoredDate: home.stamp(),
    changes: new Map(Object.entries(CODE_WITHOUT_FLAG)),
  });
  repo.branches.set(branch, pushed.id);
  const mr = home.mergeMergeRequest(project.id, iid, { user: "jane" });
  for (const environment of ["gprd-cny", "gprd"]) {
    recordDeployment(home, project.id, environment, mr.mergeCommitSha!, { user: "jane" });
  }
  return [
    `(a person, jane, pushes ${Object.keys(CODE_WITHOUT_FLAG).join(" and ")} without the flag to !${iid} and merges it: the sandbox's merge)`,
    `(production deploys ${mr.mergeCommitSha!.slice(0, 8)} to gprd-cny and gprd: deployments recorded in the sandbox, standing in for the CD job)`,
  ];
}
