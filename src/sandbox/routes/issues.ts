// One project issue: read and update (lib/api/issues.rb, Issues::UpdateService). Every update
// runs the quick-action pass over the description: the one sent, or the stored one.

import type { ApiRoute, RouteContext } from "../context.js";
import { issueEntity } from "../entities-issue.js";
import { apiError, json } from "../http.js";
import { applyIssueChange, type IssueChange } from "../issue-change.js";
import { interpretCommands } from "../issue-commands.js";
import { findIssue, findProject, intParam } from "../lookup.js";
import { visibleMilestones } from "../milestones.js";
import { declareParams } from "../params.js";
import { extractQuickActions } from "../quick-actions.js";

/** Issuable::DESCRIPTION_LENGTH_MAX. */
const DESCRIPTION_MAX = 1_048_576;

/** API::Helpers::IssuesHelpers.update_params_at_least_one_of, with the EE additions. */
const AT_LEAST_ONE_OF = [
  "assignee_id",
  "assignee_ids",
  "confidential",
  "created_at",
  "description",
  "discussion_locked",
  "due_date",
  "labels",
  "add_labels",
  "remove_labels",
  "milestone_id",
  "state_event",
  "title",
  "issue_type",
  "weight",
  "epic_id",
  "epic_iid",
];

function readIssue(ctx: RouteContext) {
  const project = findProject(ctx);
  return findIssue(ctx, project, intParam(ctx, "issue_iid"));
}

function updateIssue(ctx: RouteContext) {
  const iid = intParam(ctx, "issue_iid");
  const p = declareParams(ctx.input, {
    params: [
      { name: "title", type: "string" },
      { name: "description", type: "string" },
      { name: "state_event", type: "string", values: ["reopen", "close"] },
      { name: "labels", type: "string_list" },
      { name: "add_labels", type: "string_list" },
      { name: "remove_labels", type: "string_list" },
      { name: "milestone_id", type: "integer" },
      { name: "due_date", type: "string" },
      { name: "confidential", type: "boolean" },
      { name: "discussion_locked", type: "boolean" },
      { name: "assignee_ids", type: "integer_list" },
      { name: "assignee_id", type: "integer" },
      { name: "issue_type", type: "string", values: ["issue", "incident", "test_case", "task"] },
      { name: "created_at", type: "string" },
      { name: "updated_at", type: "string" },
    ],
    atLeastOneOf: AT_LEAST_ONE_OF,
  });
  const project = findProject(ctx);
  const issue = findIssue(ctx, project, iid);
  const { state } = ctx;

  if (typeof p.title === "string" && p.title.trim() === "") {
    throw apiError(400, { title: ["can't be blank"] });
  }
  const change: IssueChange = {};
  if (p.title !== undefined) change.title = p.title as string;
  if (p.state_event !== undefined) change.stateEvent = p.state_event as "close" | "reopen";
  if (p.labels !== undefined) change.labels = p.labels as string[];
  if (p.add_labels !== undefined) change.addLabels = p.add_labels as string[];
  if (p.remove_labels !== undefined) change.removeLabels = p.remove_labels as string[];
  if (p.milestone_id !== undefined) {
    // filter_milestone: an id that is neither this project's milestone nor one of its groups'
    // (or 0) unsets it (app/services/issuable_base_service.rb).
    const id = p.milestone_id as number;
    change.milestoneId = visibleMilestones(state, project.id).some((m) => m.id === id) ? id : null;
  }
  if (p.due_date !== undefined) {
    const due = p.due_date as string;
    change.dueDate = /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null;
  }
  if (p.confidential !== undefined) change.confidential = p.confidential as boolean;
  if (p.discussion_locked !== undefined) change.discussionLocked = p.discussion_locked as boolean;
  const assignees =
    (p.assignee_ids as number[] | undefined) ??
    (p.assignee_id === undefined ? undefined : [p.assignee_id as number]);
  if (assignees !== undefined)
    change.assigneeIds = assignees.filter((id) => state.userById(id) !== undefined);

  // merge_quick_actions_into_params!: over the description sent, else the stored one.
  const original = (p.description as string | undefined) ?? issue.description;
  const { text, commands } = extractQuickActions(original);
  if (text !== original || p.description !== undefined) change.description = text;
  const fromCommands = interpretCommands(state, issue, commands).change;
  // Command params override the request's; label additions and removals accumulate.
  const addLabels = [...(change.addLabels ?? []), ...(fromCommands.addLabels ?? [])];
  const removeLabels =
    fromCommands.removeLabels === "all" || change.removeLabels === "all"
      ? "all"
      : [...(change.removeLabels ?? []), ...(fromCommands.removeLabels ?? [])];
  Object.assign(change, fromCommands);
  if (addLabels.length > 0) change.addLabels = addLabels;
  if (removeLabels === "all" || removeLabels.length > 0) change.removeLabels = removeLabels;
  if (change.description !== undefined && change.description.length > DESCRIPTION_MAX) {
    throw apiError(400, {
      description: [`is too long (maximum is ${DESCRIPTION_MAX} characters)`],
    });
  }
  applyIssueChange(state, issue, ctx.auth.user, change);
  return json(200, issueEntity(state, issue, ctx.instanceUrl));
}

export const issueRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/issues/:issue_iid",
    auth: { level: "user" },
    handler: (ctx) => json(200, issueEntity(ctx.state, readIssue(ctx), ctx.instanceUrl)),
  },
  {
    method: "PUT",
    pattern: "/projects/:id/issues/:issue_iid",
    auth: { level: "user" },
    handler: updateIssue,
  },
];
