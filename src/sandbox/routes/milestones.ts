// Project and group milestones (lib/api/milestone_responses.rb, project_milestones.rb,
// group_milestones.rb, MilestonesFinder). The list is ordered by due date (no date last).
// GET /projects/:id/milestones/:milestone_id takes the milestone's global id, not its iid.

import type { ApiRoute, RouteContext } from "../context.js";
import { milestoneEntity } from "../entities-issue.js";
import { apiError, json, notFound, type SandboxResponse } from "../http.js";
import { findProject, intParam } from "../lookup.js";
import { groupAndAncestorIds } from "../milestones.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import type { GroupRecord, MilestoneRecord } from "../records.js";
import { linkParams } from "../repo-lookup.js";

const LIST_PARAMS = [
  { name: "state", type: "string", values: ["active", "closed", "all"], default: "all" },
  { name: "iids", type: "integer_list" },
  { name: "title", type: "string" },
  { name: "search", type: "string" },
  // include_parent_milestones is the deprecated name of include_ancestors; the two are mutually
  // exclusive (lib/api/milestone_responses.rb).
  { name: "include_parent_milestones", type: "boolean", default: false },
  { name: "include_ancestors", type: "boolean", default: false },
  { name: "updated_before", type: "datetime" },
  { name: "updated_after", type: "datetime" },
] as const;

function list(
  ctx: RouteContext,
  belongs: (m: MilestoneRecord, includeParents: boolean) => boolean,
): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [...LIST_PARAMS],
    mutuallyExclusive: [["include_ancestors", "include_parent_milestones"]],
  });
  const page = readPageRequest(ctx.input);
  const includeParents = (declared.include_parent_milestones ||
    declared.include_ancestors) as boolean;
  const iids = declared.iids as number[] | undefined;
  const search = (declared.search as string | undefined)?.toLowerCase();
  const milestones = ctx.state.milestones
    .filter(
      (m) =>
        belongs(m, includeParents) &&
        (declared.state === "all" || m.state === declared.state) &&
        (declared.title === undefined || m.title === declared.title) &&
        (!search ||
          m.title.toLowerCase().includes(search) ||
          (m.description ?? "").toLowerCase().includes(search)) &&
        // by_iids is skipped when parent milestones are included.
        (!iids || iids.length === 0 || includeParents || iids.includes(m.iid)) &&
        (declared.updated_after === undefined ||
          m.updatedAt >= (declared.updated_after as string)) &&
        (declared.updated_before === undefined ||
          m.updatedAt <= (declared.updated_before as string)),
    )
    .sort((a, b) => {
      if (a.dueDate === b.dueDate) return a.id - b.id;
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    });
  const { items, headers } = paginate(milestones, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  return json(
    200,
    items.map((m) => milestoneEntity(m, ctx.state, ctx.instanceUrl)),
    headers,
  );
}

function listProjectMilestones(ctx: RouteContext): SandboxResponse {
  const project = findProject(ctx);
  const groups =
    project.namespaceKind === "group" ? groupAndAncestorIds(ctx.state, project.namespaceId) : [];
  return list(
    ctx,
    (m, parents) =>
      m.projectId === project.id || (parents && m.groupId !== null && groups.includes(m.groupId)),
  );
}

function findGroup(ctx: RouteContext): GroupRecord {
  const ref = ctx.params.id ?? "";
  const group = /^\d+$/.test(ref) ? ctx.state.groupById(Number(ref)) : ctx.state.groupByPath(ref);
  if (!group) throw notFound("Group");
  return group;
}

function listGroupMilestones(ctx: RouteContext): SandboxResponse {
  const group = findGroup(ctx);
  const ancestors = groupAndAncestorIds(ctx.state, group.id);
  return list(ctx, (m, parents) =>
    parents ? m.groupId !== null && ancestors.includes(m.groupId) : m.groupId === group.id,
  );
}

function getMilestone(ctx: RouteContext): SandboxResponse {
  const id = intParam(ctx, "milestone_id");
  const project = findProject(ctx);
  // parent.milestones.find(id): ActiveRecord::RecordNotFound -> "404 Not found".
  const milestone = ctx.state.milestones.find((m) => m.id === id && m.projectId === project.id);
  if (!milestone) throw notFound();
  return json(200, milestoneEntity(milestone, ctx.state, ctx.instanceUrl));
}

function createMilestone(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [
      { name: "title", type: "string", required: true },
      { name: "description", type: "string" },
      { name: "due_date", type: "string" },
      { name: "start_date", type: "string" },
    ],
  });
  const project = findProject(ctx);
  const { state } = ctx;
  const title = (p.title as string).trim();
  const fail = (errors: string) => apiError(400, `Failed to create milestone {${errors}}`);
  if (title === "") throw fail(`:title=>["can't be blank"]`);
  // Milestone#uniqueness_of_title: unique among the project's and its groups' milestones.
  const groups =
    project.namespaceKind === "group" ? groupAndAncestorIds(state, project.namespaceId) : [];
  const taken = state.milestones.some(
    (m) =>
      m.title === title &&
      (m.projectId === project.id || (m.groupId !== null && groups.includes(m.groupId))),
  );
  if (taken) throw fail(`:title=>["already being used for another group or project milestone."]`);
  const day = (value: unknown) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  const at = state.stamp();
  const milestone: MilestoneRecord = {
    id: state.nextId("milestone"),
    iid: state.nextIid(state.milestones, project.id),
    projectId: project.id,
    groupId: null,
    title,
    description: (p.description as string | undefined) ?? null,
    state: "active",
    dueDate: day(p.due_date),
    startDate: day(p.start_date),
    createdAt: at,
    updatedAt: at,
  };
  state.milestones.push(milestone);
  return json(201, milestoneEntity(milestone, state, ctx.instanceUrl));
}

const auth = { level: "user" } as const;

export const milestoneRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/projects/:id/milestones", auth, handler: listProjectMilestones },
  { method: "POST", pattern: "/projects/:id/milestones", auth, handler: createMilestone },
  {
    method: "GET",
    pattern: "/projects/:id/milestones/:milestone_id",
    auth,
    handler: getMilestone,
  },
  { method: "GET", pattern: "/groups/:id/milestones", auth, handler: listGroupMilestones },
];
