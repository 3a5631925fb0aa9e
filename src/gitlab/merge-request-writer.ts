// The merge requests the release and cleanup phases open: find ours by its source branch, or make
// one commit on a fresh branch from the target branch (POST /projects/:id/repository/commits with
// start_branch) and open the MR (POST /projects/:id/merge_requests).
//
// Our branches (ff-rollout/<flag>-...) belong to this tool, so the commit is made with
// `force: true`: a branch left by an earlier attempt that failed before its MR was opened, or by
// a closed MR, is overwritten from the target branch instead of blocking the re-run.

import { Commits, MergeRequests } from "@gitbeaker/rest";
import { z } from "zod";
import type { MergeRequestChange, MergeRequestState } from "../engine/release-port.js";
import { GitLabError } from "../errors.js";
import type { GitLabClient } from "./client.js";
import { toMergeRequestState } from "./merge-requests.js";
import { outgoing } from "./outgoing.js";
import type { ProjectCache } from "./projects.js";

const listed = z.array(z.looseObject({ state: z.string(), iid: z.number() }));

export async function mergeRequestFromBranch(
  client: GitLabClient,
  projects: ProjectCache,
  project: string,
  sourceBranch: string,
): Promise<MergeRequestState | undefined> {
  const [body, info] = await Promise.all([
    // Every state, newest first (GitLab's default order): an open one wins, else a merged one.
    client.resource(MergeRequests).all({ projectId: project, sourceBranch, perPage: 100 } as never),
    projects.get(project),
  ]);
  const list = listed.parse(body);
  const found =
    list.find((m) => m.state === "opened") ??
    list.find((m) => m.state === "merged" || m.state === "locked");
  return found && toMergeRequestState(found, project, info.defaultBranch);
}

export async function openMergeRequest(
  client: GitLabClient,
  projects: ProjectCache,
  change: MergeRequestChange,
): Promise<MergeRequestState> {
  const info = await projects.get(change.project);
  await client.resource(Commits).create(
    change.project,
    change.sourceBranch,
    outgoing(change.commitMessage, "commit message"),
    change.actions.map((a) =>
      a.action === "update"
        ? { action: "update", filePath: a.path, content: a.content, lastCommitId: a.lastCommitId }
        : {
            action: "delete",
            filePath: a.path,
            ...(a.lastCommitId ? { lastCommitId: a.lastCommitId } : {}),
          },
    ) as never,
    { startBranch: change.targetBranch, force: true } as never,
  );
  try {
    const body = await client
      .resource(MergeRequests)
      .create(
        change.project,
        change.sourceBranch,
        change.targetBranch,
        outgoing(change.title, "merge request title"),
        {
          description: outgoing(change.description, "merge request description"),
          removeSourceBranch: true,
          ...(change.labels.length > 0 ? { labels: change.labels.join(",") } : {}),
          ...(change.milestoneId !== undefined ? { milestoneId: change.milestoneId } : {}),
        } as never,
      );
    return toMergeRequestState(body, change.project, info.defaultBranch);
  } catch (error) {
    // 409 "Another open merge request already exists for this source branch": someone (or a
    // concurrent job) opened it meanwhile. It is ours, so report that one.
    if (error instanceof GitLabError && error.kind === "conflict") {
      const existing = await mergeRequestFromBranch(
        client,
        projects,
        change.project,
        change.sourceBranch,
      );
      if (existing) return existing;
    }
    throw error;
  }
}
