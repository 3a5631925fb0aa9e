// Reading merge requests (lib/api/merge_requests.rb, MergeRequestsFinder). A project's list
// has every state by default, newest first; one MR by iid is find_by!(iid:), so an unknown
// iid is ActiveRecord's "404 Not found".

import type { ApiRoute, RouteContext } from "../context.js";
import { mergeRequestEntity } from "../entities-mr.js";
import { json, notFound, type SandboxResponse } from "../http.js";
import { filterIssuables, sortIssuables } from "../issuable-filter.js";
import { findProject, intParam } from "../lookup.js";
import { visibleMilestones } from "../milestones.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import type { MergeRequestRecord } from "../records-more.js";
import { linkParams } from "../repo-lookup.js";

export function findMergeRequest(ctx: RouteContext): MergeRequestRecord {
  const iid = intParam(ctx, "merge_request_iid");
  const project = findProject(ctx);
  const mr = ctx.state.mergeRequests.find((m) => m.projectId === project.id && m.iid === iid);
  if (!mr) throw notFound();
  return mr;
}

function listMergeRequests(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [
      {
        name: "state",
        type: "string",
        values: ["opened", "closed", "locked", "merged", "all"],
        default: "all",
      },
      {
        name: "order_by",
        type: "string",
        values: ["created_at", "updated_at", "title", "merged_at"],
        default: "created_at",
      },
      { name: "sort", type: "string", values: ["asc", "desc"], default: "desc" },
      { name: "source_branch", type: "string" },
      { name: "target_branch", type: "string" },
      { name: "labels", type: "string_list" },
      { name: "search", type: "string" },
      { name: "iids", type: "integer_list" },
      { name: "milestone", type: "string" },
      { name: "author_id", type: "integer" },
      { name: "scope", type: "string", default: "all" },
    ],
  });
  const page = readPageRequest(ctx.input);
  const project = findProject(ctx);
  const milestone = declared.milestone as string | undefined;
  const all = ctx.state.mergeRequests.filter(
    (mr) =>
      mr.projectId === project.id &&
      (declared.state === "all" || mr.state === declared.state) &&
      (declared.source_branch === undefined || mr.sourceBranch === declared.source_branch) &&
      (declared.target_branch === undefined || mr.targetBranch === declared.target_branch),
  );
  const filtered = filterIssuables(all, {
    labels: declared.labels as string[] | undefined,
    search: declared.search as string | undefined,
    iids: declared.iids as number[] | undefined,
    authorId: declared.author_id as number | undefined,
    ...(milestone === undefined
      ? {}
      : {
          milestone: {
            title: milestone,
            ids: visibleMilestones(ctx.state, project.id)
              .filter((m) => m.title === milestone)
              .map((m) => m.id),
          },
        }),
  });
  const sorted = sortIssuables(filtered, declared.order_by as string, declared.sort as string);
  const { items, headers } = paginate(sorted, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  return json(
    200,
    items.map((mr) => mergeRequestEntity(ctx.state, mr, ctx.instanceUrl)),
    headers,
  );
}

export const mergeRequestReadRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/merge_requests",
    auth: { level: "user" },
    handler: listMergeRequests,
  },
  {
    method: "GET",
    pattern: "/projects/:id/merge_requests/:merge_request_iid",
    auth: { level: "user" },
    handler: (ctx) =>
      json(200, mergeRequestEntity(ctx.state, findMergeRequest(ctx), ctx.instanceUrl, true)),
  },
];
