// POST /projects/:id/issues (lib/api/issues.rb, Issues::CreateService). The description goes
// through the quick-action pass as on update: command lines are removed, and those that can
// apply to a new issue run (labels, milestone, title...; /close and /reopen need a saved
// issue, so they are only removed).

import type { ApiRoute, RouteContext } from "../context.js";
import { issueEntity } from "../entities-issue.js";
import { apiError, json, type SandboxResponse } from "../http.js";
import { interpretCommands } from "../issue-commands.js";
import { findProject } from "../lookup.js";
import { visibleMilestones } from "../milestones.js";
import { declareParams } from "../params.js";
import { extractQuickActions } from "../quick-actions.js";
import type { IssueRecord } from "../records.js";

/** Issuable::DESCRIPTION_LENGTH_MAX. */
const DESCRIPTION_MAX = 1_048_576;

function createIssue(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [
      { name: "title", type: "string", required: true },
      { name: "description", type: "string" },
      { name: "labels", type: "string_list" },
      { name: "milestone_id", type: "integer" },
      { name: "assignee_ids", type: "integer_list" },
      { name: "assignee_id", type: "integer" },
      { name: "due_date", type: "string" },
      { name: "confidential", type: "boolean" },
      { name: "discussion_locked", type: "boolean" },
      { name: "created_at", type: "datetime" },
      { name: "issue_type", type: "string", values: ["issue", "incident", "test_case", "task"] },
    ],
  });
  const project = findProject(ctx);
  const { state } = ctx;
  const title = (p.title as string).trim();
  if (title === "") throw apiError(400, { title: ["can't be blank"] });
  const { text, commands } = extractQuickActions((p.description as string | undefined) ?? "");
  if (text.length > DESCRIPTION_MAX) {
    throw apiError(400, {
      description: [`is too long (maximum is ${DESCRIPTION_MAX} characters)`],
    });
  }
  // Only administrators (and owners) may backdate; for others created_at is ignored.
  const at = ctx.auth.admin && p.created_at ? (p.created_at as string) : state.stamp();
  const milestoneId = p.milestone_id as number | undefined;
  const assignees =
    (p.assignee_ids as number[] | undefined) ??
    (p.assignee_id === undefined ? [] : [p.assignee_id as number]);
  const due = p.due_date as string | undefined;
  const issue: IssueRecord = {
    id: 0,
    iid: state.nextIid(state.issues, project.id),
    projectId: project.id,
    title,
    description: text,
    state: "opened",
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedById: null,
    labels: [...new Set((p.labels as string[] | undefined) ?? [])],
    milestoneId: visibleMilestones(state, project.id).some((m) => m.id === milestoneId)
      ? (milestoneId as number)
      : null,
    authorId: ctx.auth.user.id,
    assigneeIds: [...new Set(assignees.filter((id) => state.userById(id) !== undefined))],
    dueDate: due !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null,
    confidential: (p.confidential as boolean | undefined) ?? false,
    discussionLocked: (p.discussion_locked as boolean | undefined) ?? null,
  };
  const runnable = commands.filter((c) => c.name !== "close" && c.name !== "reopen");
  const { change } = interpretCommands(state, issue, runnable);
  if (change.title !== undefined) issue.title = change.title;
  if (change.labels !== undefined) issue.labels = [...new Set(change.labels)];
  for (const label of change.addLabels ?? []) {
    if (!issue.labels.includes(label)) issue.labels.push(label);
  }
  if (change.milestoneId !== undefined) issue.milestoneId = change.milestoneId;
  if (change.confidential !== undefined) issue.confidential = change.confidential;
  if (change.discussionLocked !== undefined) issue.discussionLocked = change.discussionLocked;
  for (const label of issue.labels) state.ensureLabel(project.id, label);
  issue.id = state.nextId("issue");
  state.issues.push(issue);
  return json(201, issueEntity(state, issue, ctx.instanceUrl));
}

export const issueCreateRoutes: ApiRoute[] = [
  {
    method: "POST",
    pattern: "/projects/:id/issues",
    auth: { level: "user" },
    handler: createIssue,
  },
];
