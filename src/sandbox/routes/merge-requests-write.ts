// Creating and updating merge requests (lib/api/merge_requests.rb, MergeRequests::CreateService,
// MergeRequests::UpdateService). Validation errors as handle_merge_request_errors! renders
// them: the same branch for source and target is a 422 and an open MR for the same source
// and target branches a 409, each with the model's messages as an array
// (app/models/merge_request.rb#validate_branches).

import type { ApiRoute, RouteContext } from "../context.js";
import { mergeRequestEntity } from "../entities-mr.js";
import { ApiError, apiError, json, type SandboxResponse } from "../http.js";
import { findProject } from "../lookup.js";
import { visibleMilestones } from "../milestones.js";
import { declareParams } from "../params.js";
import type { MergeRequestRecord } from "../records-more.js";
import type { InstanceState } from "../state.js";
import { findMergeRequest } from "./merge-requests.js";

/** The params update takes, of which at least one must be given. */
const UPDATE_AT_LEAST_ONE_OF = [
  "assignee_id",
  "assignee_ids",
  "reviewer_ids",
  "description",
  "labels",
  "add_labels",
  "remove_labels",
  "milestone_id",
  "remove_source_branch",
  "allow_collaboration",
  "allow_maintainer_to_push",
  "squash",
  "target_branch",
  "title",
  "state_event",
  "discussion_locked",
];

function checkBranches(state: InstanceState, mr: MergeRequestRecord): void {
  if (mr.sourceBranch === mr.targetBranch) {
    throw new ApiError(422, {
      message: ["You can't use same project/branch for source and target"],
    });
  }
  if (mr.state !== "opened") return;
  const conflicting = state.mergeRequests.find(
    (other) =>
      other.id !== mr.id &&
      other.projectId === mr.projectId &&
      other.state === "opened" &&
      other.sourceBranch === mr.sourceBranch &&
      other.targetBranch === mr.targetBranch,
  );
  if (conflicting) {
    throw new ApiError(409, {
      message: [
        `Another open merge request already exists for this source branch: !${conflicting.iid}`,
      ],
    });
  }
}

function milestoneId(state: InstanceState, projectId: number, id: unknown): number | null {
  return visibleMilestones(state, projectId).some((m) => m.id === id) ? (id as number) : null;
}

function createMergeRequest(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [
      { name: "source_branch", type: "string", required: true },
      { name: "target_branch", type: "string", required: true },
      { name: "title", type: "string", required: true },
      { name: "description", type: "string" },
      { name: "labels", type: "string_list" },
      { name: "assignee_ids", type: "integer_list" },
      { name: "milestone_id", type: "integer" },
      { name: "remove_source_branch", type: "boolean" },
      { name: "squash", type: "boolean" },
    ],
  });
  const project = findProject(ctx);
  const { state } = ctx;
  const title = (p.title as string).trim();
  if (title === "") throw apiError(400, { title: ["can't be blank"] });
  const at = state.stamp();
  const labels = [...new Set((p.labels as string[] | undefined) ?? [])];
  const mr: MergeRequestRecord = {
    id: 0,
    iid: state.nextIid(state.mergeRequests, project.id),
    projectId: project.id,
    title,
    description: (p.description as string | undefined) ?? "",
    state: "opened",
    sourceBranch: p.source_branch as string,
    targetBranch: p.target_branch as string,
    authorId: ctx.auth.user.id,
    assigneeIds: ((p.assignee_ids as number[] | undefined) ?? []).filter((id) =>
      state.userById(id),
    ),
    labels,
    milestoneId: milestoneId(state, project.id, p.milestone_id),
    createdAt: at,
    updatedAt: at,
    mergedAt: null,
    mergedById: null,
    closedAt: null,
    closedById: null,
    sha: state.repository(project.id).branches.get(p.source_branch as string) ?? null,
    mergeCommitSha: null,
    squashCommitSha: null,
    squash: (p.squash as boolean | undefined) ?? false,
    forceRemoveSourceBranch: (p.remove_source_branch as boolean | undefined) ?? false,
  };
  checkBranches(state, mr);
  mr.id = state.nextId("merge_request");
  for (const label of labels) state.ensureLabel(project.id, label);
  state.mergeRequests.push(mr);
  return json(201, mergeRequestEntity(state, mr, ctx.instanceUrl, true));
}

function updateMergeRequest(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [
      { name: "title", type: "string" },
      { name: "description", type: "string" },
      { name: "state_event", type: "string", values: ["close", "reopen"] },
      { name: "target_branch", type: "string" },
      { name: "labels", type: "string_list" },
      { name: "add_labels", type: "string_list" },
      { name: "remove_labels", type: "string_list" },
      { name: "milestone_id", type: "integer" },
      { name: "assignee_ids", type: "integer_list" },
      { name: "remove_source_branch", type: "boolean" },
      { name: "squash", type: "boolean" },
    ],
    atLeastOneOf: UPDATE_AT_LEAST_ONE_OF,
  });
  const mr = findMergeRequest(ctx);
  const { state } = ctx;
  if (typeof p.title === "string" && p.title.trim() === "") {
    throw apiError(400, { title: ["can't be blank"] });
  }
  const before = JSON.stringify(mr);
  const next: MergeRequestRecord = { ...mr, labels: [...mr.labels] };
  if (p.title !== undefined) next.title = (p.title as string).trim();
  if (p.description !== undefined) next.description = p.description as string;
  if (p.target_branch !== undefined) next.targetBranch = p.target_branch as string;
  if (p.labels !== undefined) next.labels = [...new Set(p.labels as string[])];
  for (const label of (p.add_labels as string[] | undefined) ?? []) {
    if (!next.labels.includes(label)) next.labels.push(label);
  }
  const removed = (p.remove_labels as string[] | undefined) ?? [];
  next.labels = next.labels.filter((label) => !removed.includes(label));
  if (p.milestone_id !== undefined) {
    next.milestoneId = milestoneId(state, mr.projectId, p.milestone_id);
  }
  if (p.assignee_ids !== undefined) {
    next.assigneeIds = (p.assignee_ids as number[]).filter((id) => state.userById(id));
  }
  if (p.remove_source_branch !== undefined) {
    next.forceRemoveSourceBranch = p.remove_source_branch as boolean;
  }
  if (p.squash !== undefined) next.squash = p.squash as boolean;
  const at = state.stamp();
  // A merged MR can be neither closed nor reopened; the event is ignored.
  if (p.state_event === "close" && mr.state === "opened") {
    Object.assign(next, { state: "closed", closedAt: at, closedById: ctx.auth.user.id });
  } else if (p.state_event === "reopen" && mr.state === "closed") {
    Object.assign(next, { state: "opened", closedAt: null, closedById: null });
  }
  checkBranches(state, next);
  for (const label of next.labels) state.ensureLabel(mr.projectId, label);
  Object.assign(mr, next);
  if (JSON.stringify(mr) !== before) mr.updatedAt = at;
  return json(200, mergeRequestEntity(state, mr, ctx.instanceUrl, true));
}

export const mergeRequestWriteRoutes: ApiRoute[] = [
  {
    method: "POST",
    pattern: "/projects/:id/merge_requests",
    auth: { level: "user" },
    handler: createMergeRequest,
  },
  {
    method: "PUT",
    pattern: "/projects/:id/merge_requests/:merge_request_iid",
    auth: { level: "user" },
    handler: updateMergeRequest,
  },
];
