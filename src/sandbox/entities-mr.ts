// GitLab's JSON for a merge request (lib/api/entities/merge_request_basic.rb, merge_request.rb).

import { userBasic } from "./entities.js";
import { milestoneEntity } from "./entities-issue.js";
import type { MergeRequestRecord } from "./records-more.js";
import type { InstanceState } from "./state.js";
import { taskCompletion } from "./tasks.js";

type Json = Record<string, unknown>;

/** MergeRequest::DRAFT_REGEX: a title starting with "Draft:", "[Draft]" or "(Draft)". */
export const isDraft = (title: string) => /^\s*(\[draft\]|\(draft\)|draft:)/i.test(title);

/** An open MR follows its source branch; a merged or closed one keeps what it had. */
export function mrHeadSha(state: InstanceState, mr: MergeRequestRecord): string | null {
  if (mr.state !== "opened") return mr.sha;
  return state.repository(mr.projectId).branches.get(mr.sourceBranch) ?? mr.sha;
}

/** detailed_merge_status, for the states the sandbox can be in. */
function detailedStatus(state: InstanceState, mr: MergeRequestRecord): string {
  if (mr.state !== "opened") return "not_open";
  if (isDraft(mr.title)) return "draft_status";
  const repo = state.repository(mr.projectId);
  if (!repo.branches.has(mr.sourceBranch) || !repo.branches.has(mr.targetBranch)) {
    return "broken_status";
  }
  return "mergeable";
}

export function mergeRequestEntity(
  state: InstanceState,
  mr: MergeRequestRecord,
  instanceUrl: string,
  single = false,
): Json {
  const project = state.projectById(mr.projectId);
  const path = project?.pathWithNamespace ?? "";
  const user = (id: number | null) => {
    const record = id === null ? undefined : state.userById(id);
    return record ? userBasic(record, instanceUrl) : null;
  };
  const assignees = mr.assigneeIds.map(user).filter((entry) => entry !== null);
  const milestone = mr.milestoneId === null ? undefined : state.milestoneById(mr.milestoneId);
  const tasks = taskCompletion(mr.description);
  const entity: Json = {
    id: mr.id,
    iid: mr.iid,
    project_id: mr.projectId,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: mr.createdAt,
    updated_at: mr.updatedAt,
    merged_by: user(mr.mergedById),
    merge_user: user(mr.mergedById),
    merged_at: mr.mergedAt,
    closed_by: user(mr.closedById),
    closed_at: mr.closedAt,
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    user_notes_count: 0,
    upvotes: 0,
    downvotes: 0,
    author: user(mr.authorId),
    assignees,
    assignee: assignees[0] ?? null,
    reviewers: [],
    source_project_id: mr.projectId,
    target_project_id: mr.projectId,
    labels: [...mr.labels].sort(),
    draft: isDraft(mr.title),
    imported: false,
    imported_from: "none",
    work_in_progress: isDraft(mr.title),
    milestone: milestone ? milestoneEntity(milestone, state, instanceUrl) : null,
    merge_when_pipeline_succeeds: false,
    merge_status: "can_be_merged",
    detailed_merge_status: detailedStatus(state, mr),
    merge_after: null,
    sha: mrHeadSha(state, mr),
    merge_commit_sha: mr.mergeCommitSha,
    squash_commit_sha: mr.squashCommitSha,
    discussion_locked: null,
    should_remove_source_branch: null,
    force_remove_source_branch: mr.forceRemoveSourceBranch,
    prepared_at: mr.createdAt,
    reference: `!${mr.iid}`,
    references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${path}!${mr.iid}` },
    web_url: `${instanceUrl}/${path}/-/merge_requests/${mr.iid}`,
    time_stats: {
      time_estimate: 0,
      total_time_spent: 0,
      human_time_estimate: null,
      human_total_time_spent: null,
    },
    squash: mr.squash,
    squash_on_merge: mr.squash,
    task_completion_status: { count: tasks.count, completed_count: tasks.completed },
    has_conflicts: false,
    blocking_discussions_resolved: true,
  };
  if (!single) return entity;
  return {
    ...entity,
    subscribed: false,
    changes_count: null,
    latest_build_started_at: null,
    latest_build_finished_at: null,
    first_deployed_to_production_at: null,
    pipeline: null,
    head_pipeline: null,
    diff_refs: null,
    merge_error: null,
    first_contribution: false,
    user: { can_merge: true },
  };
}
