// GitLab's JSON for issues, their milestone and their notes (lib/api/entities/issue.rb,
// milestone.rb, note.rb).

import { userBasic } from "./entities.js";
import type { InstanceState, IssueRecord, MilestoneRecord, NoteRecord } from "./state.js";
import { taskCompletion, taskStatus } from "./tasks.js";

type Json = Record<string, unknown>;

export function milestoneEntity(
  milestone: MilestoneRecord,
  state: InstanceState,
  instanceUrl: string,
): Json {
  const project = milestone.projectId === null ? undefined : state.projectById(milestone.projectId);
  const group = milestone.groupId === null ? undefined : state.groupById(milestone.groupId);
  const today = state.clock.now().toISOString().slice(0, 10);
  const parentUrl = project
    ? `${instanceUrl}/${project.pathWithNamespace}`
    : `${instanceUrl}/groups/${group?.fullPath ?? ""}`;
  return {
    id: milestone.id,
    iid: milestone.iid,
    ...(project ? { project_id: milestone.projectId } : { group_id: milestone.groupId }),
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    created_at: milestone.createdAt,
    updated_at: milestone.updatedAt,
    due_date: milestone.dueDate,
    start_date: milestone.startDate,
    expired: milestone.dueDate !== null && milestone.dueDate < today,
    web_url: `${parentUrl}/-/milestones/${milestone.iid}`,
  };
}

export function issueEntity(state: InstanceState, issue: IssueRecord, instanceUrl: string): Json {
  const project = state.projectById(issue.projectId);
  const path = project?.pathWithNamespace ?? "";
  const user = (id: number | null) => {
    const record = id === null ? undefined : state.userById(id);
    return record ? userBasic(record, instanceUrl) : null;
  };
  const assignees = issue.assigneeIds.map(user).filter((entry) => entry !== null);
  const milestone = issue.milestoneId === null ? undefined : state.milestoneById(issue.milestoneId);
  const tasks = taskCompletion(issue.description);
  const api = `${instanceUrl}/api/v4/projects/${issue.projectId}`;
  return {
    id: issue.id,
    iid: issue.iid,
    project_id: issue.projectId,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: user(issue.closedById),
    labels: [...issue.labels].sort(),
    milestone: milestone ? milestoneEntity(milestone, state, instanceUrl) : null,
    assignees,
    author: user(issue.authorId),
    type: "ISSUE",
    assignee: assignees[0] ?? null,
    user_notes_count: state.notesOf(issue.id).filter((note) => !note.system).length,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: issue.dueDate,
    confidential: issue.confidential,
    discussion_locked: issue.discussionLocked,
    issue_type: "issue",
    web_url: `${instanceUrl}/${path}/-/issues/${issue.iid}`,
    time_stats: {
      time_estimate: 0,
      total_time_spent: 0,
      human_time_estimate: null,
      human_total_time_spent: null,
    },
    task_completion_status: { count: tasks.count, completed_count: tasks.completed },
    has_tasks: tasks.count > 0,
    ...(tasks.count > 0 ? { task_status: taskStatus(tasks) } : {}),
    _links: {
      self: `${api}/issues/${issue.iid}`,
      notes: `${api}/issues/${issue.iid}/notes`,
      award_emoji: `${api}/issues/${issue.iid}/award_emoji`,
      project: api,
      closed_as_duplicate_of: null,
    },
    references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${path}#${issue.iid}` },
    severity: "UNKNOWN",
    moved_to_id: null,
    imported: false,
    imported_from: "none",
    service_desk_reply_to: null,
  };
}

export function noteEntity(state: InstanceState, note: NoteRecord, instanceUrl: string): Json {
  const author = state.userById(note.authorId);
  const issue = state.issues.find((entry) => entry.id === note.issueId);
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: author ? userBasic(author, instanceUrl) : null,
    created_at: note.createdAt,
    updated_at: note.updatedAt,
    system: note.system,
    noteable_id: note.issueId,
    noteable_type: "Issue",
    project_id: note.projectId,
    resolvable: false,
    confidential: note.internal,
    internal: note.internal,
    imported: false,
    imported_from: "none",
    noteable_iid: issue?.iid ?? null,
    commands_changes: {},
  };
}
