// GET /projects/:id/deployments (lib/api/deployments.rb, app/finders/deployments_finder.rb).
// Sorted by id, ascending, unless asked otherwise. The finder refuses some combinations as
// "inefficient" and the API answers them with bad_request!(message); the finder reads the raw
// params, so finished_after/finished_before work although the endpoint does not declare them.

import type { ApiRoute, RouteContext } from "../context.js";
import { deploymentEntity } from "../entities-deploy.js";
import { badRequest, json, type SandboxResponse } from "../http.js";
import { findProject } from "../lookup.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import type { DeploymentRecord } from "../records-more.js";
import { linkParams } from "../repo-lookup.js";

const STATUSES = ["created", "running", "success", "failed", "canceled", "skipped", "blocked"];

function sortKey(orderBy: string): (d: DeploymentRecord) => string | number {
  switch (orderBy) {
    case "updated_at":
      return (d) => d.updatedAt;
    case "finished_at":
      return (d) => d.finishedAt ?? "";
    case "ref":
      return (d) => d.ref;
    default:
      // optimize_sort_params!: created_at and iid sort as id does.
      return (d) => d.id;
  }
}

function listDeployments(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [
      {
        name: "order_by",
        type: "string",
        values: ["id", "iid", "created_at", "updated_at", "ref", "finished_at"],
        default: "id",
      },
      { name: "sort", type: "string", values: ["asc", "desc"], default: "asc" },
      { name: "updated_after", type: "datetime" },
      { name: "updated_before", type: "datetime" },
      { name: "environment", type: "string" },
      { name: "status", type: "string", values: STATUSES },
    ],
  });
  const extra = declareParams(ctx.input, {
    params: [
      { name: "finished_after", type: "datetime" },
      { name: "finished_before", type: "datetime" },
    ],
  });
  const page = readPageRequest(ctx.input);
  const project = findProject(ctx);
  const byUpdated = declared.updated_after !== undefined || declared.updated_before !== undefined;
  const byFinished = extra.finished_after !== undefined || extra.finished_before !== undefined;
  const orderBy = declared.order_by as string;
  if (byUpdated && byFinished) {
    throw badRequest("Both `updated_at` filter and `finished_at` filter can not be specified");
  }
  if (byFinished !== (orderBy === "finished_at")) {
    throw badRequest("`finished_at` filter and `finished_at` sorting must be paired");
  }
  if (byFinished && declared.status !== "success") {
    throw badRequest("`finished_at` filter must be combined with `success` status filter.");
  }
  const environment = ctx.state.environments.find(
    (e) => e.projectId === project.id && e.name === declared.environment,
  );
  const inRange = (value: string | null, after: unknown, before: unknown) =>
    value !== null &&
    (after === undefined || value >= (after as string)) &&
    (before === undefined || value <= (before as string));
  const deployments = ctx.state.deployments.filter(
    (d) =>
      d.projectId === project.id &&
      (declared.environment === undefined || d.environmentId === environment?.id) &&
      (declared.status === undefined || d.status === declared.status) &&
      (!byUpdated || inRange(d.updatedAt, declared.updated_after, declared.updated_before)) &&
      (!byFinished || inRange(d.finishedAt, extra.finished_after, extra.finished_before)),
  );
  const key = sortKey(orderBy);
  const direction = declared.sort === "desc" ? -1 : 1;
  deployments.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const primary = x < y ? -1 : x > y ? 1 : 0;
    if (primary !== 0) return direction * primary;
    // updated_at gets `id: :desc` as its tie-breaker; the rest fall back to id.
    return orderBy === "updated_at" ? b.id - a.id : direction * (a.id - b.id);
  });
  const { items, headers } = paginate(deployments, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, { ...declared, ...extra }),
  });
  return json(
    200,
    items.map((d) => deploymentEntity(ctx.state, d, ctx.instanceUrl)),
    headers,
  );
}

export const deploymentRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/deployments",
    auth: { level: "user" },
    handler: listDeployments,
  },
];
