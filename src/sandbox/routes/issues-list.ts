// Issue lists: a project's, a group's (subgroups included) and the user's (lib/api/issues.rb,
// IssuesFinder). Every state by default, newest first. GET /issues alone defaults to
// scope=created_by_me: without `scope=all` it lists only the issues the token's user opened.

import type { ApiRoute, RouteContext } from "../context.js";
import { issueEntity } from "../entities-issue.js";
import { json, notFound, type SandboxResponse } from "../http.js";
import { filterIssuables, sortIssuables } from "../issuable-filter.js";
import { findProject } from "../lookup.js";
import { groupAndAncestorIds, visibleMilestones } from "../milestones.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams, type ParamSpec } from "../params.js";
import type { IssueRecord, ProjectRecord } from "../records.js";
import { linkParams } from "../repo-lookup.js";

const SCOPES = ["created-by-me", "assigned-to-me", "created_by_me", "assigned_to_me", "all"];

function listParams(defaultScope: string): ParamSpec[] {
  return [
    { name: "state", type: "string", values: ["opened", "closed", "all"], default: "all" },
    { name: "labels", type: "string_list" },
    { name: "milestone", type: "string" },
    { name: "iids", type: "integer_list" },
    { name: "search", type: "string" },
    {
      name: "order_by",
      type: "string",
      values: [
        "created_at",
        "due_date",
        "label_priority",
        "milestone_due",
        "popularity",
        "priority",
        "relative_position",
        "title",
        "updated_at",
        "weight",
      ],
      default: "created_at",
    },
    { name: "sort", type: "string", values: ["asc", "desc"], default: "desc" },
    { name: "author_id", type: "integer" },
    { name: "assignee_id", type: "string" },
    { name: "scope", type: "string", values: SCOPES, default: defaultScope },
    { name: "confidential", type: "boolean" },
    { name: "created_after", type: "datetime" },
    { name: "created_before", type: "datetime" },
    { name: "updated_after", type: "datetime" },
    { name: "updated_before", type: "datetime" },
  ];
}

function visible(ctx: RouteContext, project: ProjectRecord | undefined): boolean {
  return (
    project !== undefined &&
    (ctx.auth.admin || project.memberIds === null || project.memberIds.includes(ctx.auth.user.id))
  );
}

function respond(
  ctx: RouteContext,
  projects: ProjectRecord[],
  defaultScope: string,
): SandboxResponse {
  const d = declareParams(ctx.input, { params: listParams(defaultScope) });
  const page = readPageRequest(ctx.input);
  const ids = new Set(projects.filter((p) => visible(ctx, p)).map((p) => p.id));
  const scope = String(d.scope).replace(/-/g, "_");
  const me = ctx.auth.user.id;
  const within = (value: string, after: unknown, before: unknown) =>
    (after === undefined || value >= (after as string)) &&
    (before === undefined || value <= (before as string));
  const candidates = ctx.state.issues.filter(
    (i) =>
      ids.has(i.projectId) &&
      (d.state === "all" || i.state === d.state) &&
      (scope !== "created_by_me" || i.authorId === me) &&
      (scope !== "assigned_to_me" || i.assigneeIds.includes(me)) &&
      (d.confidential === undefined || i.confidential === d.confidential) &&
      within(i.createdAt, d.created_after, d.created_before) &&
      within(i.updatedAt, d.updated_after, d.updated_before),
  );
  const milestone = d.milestone as string | undefined;
  const milestoneIds = (issue: IssueRecord) =>
    visibleMilestones(ctx.state, issue.projectId)
      .filter((m) => m.title === milestone)
      .map((m) => m.id);
  const assignee = d.assignee_id as string | undefined;
  const filtered = filterIssuables(candidates, {
    labels: d.labels as string[] | undefined,
    search: d.search as string | undefined,
    iids: d.iids as number[] | undefined,
    authorId: d.author_id as number | undefined,
    ...(assignee === undefined
      ? {}
      : { assigneeId: /^\d+$/.test(assignee) ? Number(assignee) : assignee }),
  }).filter((issue) => {
    if (milestone === undefined) return true;
    if (milestone.toLowerCase() === "none") return issue.milestoneId === null;
    if (milestone.toLowerCase() === "any") return issue.milestoneId !== null;
    return milestoneIds(issue).includes(issue.milestoneId ?? -1);
  });
  const sorted = sortIssuables(filtered, d.order_by as string, d.sort as string);
  const { items, headers } = paginate(sorted, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, d),
  });
  return json(
    200,
    items.map((issue) => issueEntity(ctx.state, issue, ctx.instanceUrl)),
    headers,
  );
}

function groupProjects(ctx: RouteContext): ProjectRecord[] {
  const ref = ctx.params.id ?? "";
  const group = /^\d+$/.test(ref) ? ctx.state.groupById(Number(ref)) : ctx.state.groupByPath(ref);
  if (!group) throw notFound("Group");
  return ctx.state.projects.filter(
    (p) =>
      p.namespaceKind === "group" &&
      groupAndAncestorIds(ctx.state, p.namespaceId).includes(group.id),
  );
}

const auth = { level: "user" } as const;

export const issueListRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/issues",
    auth,
    handler: (ctx) => respond(ctx, [findProject(ctx)], "all"),
  },
  {
    method: "GET",
    pattern: "/groups/:id/issues",
    auth,
    handler: (ctx) => respond(ctx, groupProjects(ctx), "all"),
  },
  {
    method: "GET",
    pattern: "/issues",
    auth,
    handler: (ctx) => respond(ctx, ctx.state.projects, "created_by_me"),
  },
];
