// What actor paths resolve to: GET /groups/:id (lib/api/groups.rb, "404 Group Not Found"),
// GET /users?username= (lib/api/users.rb: a list, empty when nobody has that name), and
// GET /namespaces/:id (lib/api/namespaces.rb, by id or full path, "404 Namespace Not Found";
// kind is "group" or "user").

import type { ApiRoute, RouteContext } from "../context.js";
import { userBasic } from "../entities.js";
import { json, notFound } from "../http.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import type { GroupRecord } from "../records.js";
import { linkParams } from "../repo-lookup.js";

function groupEntity(group: GroupRecord, instanceUrl: string) {
  return {
    id: group.id,
    name: group.name,
    path: group.path,
    full_path: group.fullPath,
    full_name: group.name,
    parent_id: group.parentId,
    web_url: `${instanceUrl}/groups/${group.fullPath}`,
  };
}

function findGroup(ctx: RouteContext): GroupRecord {
  const ref = ctx.params.id ?? "";
  const group = /^\d+$/.test(ref) ? ctx.state.groupById(Number(ref)) : ctx.state.groupByPath(ref);
  if (!group) throw notFound("Group");
  return group;
}

function findNamespace(ctx: RouteContext) {
  const ref = ctx.params.id ?? "";
  const group = /^\d+$/.test(ref) ? ctx.state.groupById(Number(ref)) : ctx.state.groupByPath(ref);
  if (group) {
    return {
      id: group.id,
      name: group.name,
      path: group.path,
      kind: "group",
      full_path: group.fullPath,
      parent_id: group.parentId,
    };
  }
  const user = /^\d+$/.test(ref)
    ? ctx.state.users.find((u) => u.namespaceId === Number(ref))
    : ctx.state.userByUsername(ref);
  if (!user) throw notFound("Namespace");
  return {
    id: user.namespaceId,
    name: user.name,
    path: user.username,
    kind: "user",
    full_path: user.username,
    parent_id: null,
  };
}

export const actorRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/groups/:id",
    auth: { level: "user" },
    handler: (ctx) => json(200, groupEntity(findGroup(ctx), ctx.instanceUrl)),
  },
  {
    method: "GET",
    pattern: "/users",
    auth: { level: "user" },
    handler: (ctx) => {
      const declared = declareParams(ctx.input, { params: [{ name: "username", type: "string" }] });
      const wanted = declared.username as string | undefined;
      const users = ctx.state.users.filter(
        (u) => !wanted || u.username.toLowerCase() === wanted.toLowerCase(),
      );
      const { items, headers } = paginate(users, {
        request: readPageRequest(ctx.input),
        url: ctx.requestUrl,
        linkParams: linkParams(ctx, declared),
      });
      return json(
        200,
        items.map((u) => userBasic(u, ctx.instanceUrl)),
        headers,
      );
    },
  },
  {
    method: "GET",
    pattern: "/namespaces/:id",
    auth: { level: "user" },
    handler: (ctx) => json(200, findNamespace(ctx)),
  },
];
