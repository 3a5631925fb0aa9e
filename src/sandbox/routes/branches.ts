// Branches (lib/api/branches.rb, Branches::CreateService, Branches::ValidateNewService) and
// tags (lib/api/tags.rb). `:branch` is one raw segment (BRANCH_ENDPOINT_REQUIREMENTS).

import type { ApiRoute, RouteContext } from "../context.js";
import { branchEntity, tagEntity } from "../entities-repo.js";
import { apiError, json, notFound, type SandboxResponse } from "../http.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import { isValidBranchName } from "../ref-names.js";
import { linkParams, projectRepo } from "../repo-lookup.js";

/** BranchesFinder/TagsFinder search: `^prefix`, `suffix$`, else a substring, any case. */
export function matchesRefSearch(name: string, search: string | undefined): boolean {
  if (search === undefined || search === "") return true;
  const lower = name.toLowerCase();
  const wanted = search.toLowerCase();
  if (wanted.startsWith("^")) return lower.startsWith(wanted.slice(1));
  if (wanted.endsWith("$")) return lower.endsWith(wanted.slice(0, -1));
  return lower.includes(wanted);
}

function listBranches(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [
      { name: "search", type: "string" },
      { name: "sort", type: "string" },
    ],
  });
  const page = readPageRequest(ctx.input);
  const { project, repo } = projectRepo(ctx);
  const head = (name: string) => repo.commits.get(repo.branches.get(name) ?? "")?.committedDate;
  const names = [...repo.branches.keys()]
    .filter((name) => matchesRefSearch(name, declared.search as string | undefined))
    .sort((a, b) => (a < b ? -1 : 1));
  if (declared.sort === "updated_desc" || declared.sort === "updated_asc") {
    const direction = declared.sort === "updated_desc" ? -1 : 1;
    names.sort((a, b) => direction * (head(a) ?? "").localeCompare(head(b) ?? ""));
  }
  const { items, headers } = paginate(names, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  const body = items.map((name) => branchEntity(repo, name, project, ctx.instanceUrl));
  return json(200, body, headers);
}

function getBranch(ctx: RouteContext): SandboxResponse {
  const { project, repo } = projectRepo(ctx);
  const name = ctx.params.branch ?? "";
  if (!repo.branches.has(name)) throw notFound("Branch");
  return json(200, branchEntity(repo, name, project, ctx.instanceUrl));
}

function createBranch(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [
      { name: "branch", type: "string", required: true, notBlank: true },
      { name: "ref", type: "string", required: true, notBlank: true },
    ],
  });
  const { project, repo } = projectRepo(ctx);
  const branch = p.branch as string;
  const ref = p.ref as string;
  if (!isValidBranchName(branch)) throw apiError(400, "Branch name is invalid");
  if (repo.branches.has(branch)) throw apiError(400, "Branch already exists");
  const commit = repo.resolve(ref);
  if (!commit) {
    throw apiError(400, `Failed to create branch '${branch}': invalid reference name '${ref}'`);
  }
  repo.branches.set(branch, commit.id);
  return json(201, branchEntity(repo, branch, project, ctx.instanceUrl));
}

/** Version order: numbers compared as numbers, so v19.10 comes after v19.9. */
function compareVersions(a: string, b: string): number {
  const split = (s: string) => s.split(/(\d+)/).filter((part) => part !== "");
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return 0;
}

function listTags(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [
      { name: "sort", type: "string", values: ["asc", "desc"], default: "desc" },
      {
        name: "order_by",
        type: "string",
        values: ["name", "updated", "version"],
        default: "updated",
      },
      { name: "search", type: "string" },
    ],
  });
  const page = readPageRequest(ctx.input);
  const { project, repo } = projectRepo(ctx);
  const date = (target: string) => repo.commits.get(target)?.committedDate ?? "";
  const direction = declared.sort === "asc" ? 1 : -1;
  const tags = [...repo.tags.values()]
    .filter((tag) => matchesRefSearch(tag.name, declared.search as string | undefined))
    .sort((a, b) => {
      const byName = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      if (declared.order_by === "name") return direction * byName;
      if (declared.order_by === "version") return direction * compareVersions(a.name, b.name);
      return direction * (date(a.target).localeCompare(date(b.target)) || byName);
    });
  const { items, headers } = paginate(tags, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  return json(
    200,
    items.map((tag) => tagEntity(repo, tag, project, ctx.instanceUrl)),
    headers,
  );
}

const auth = { level: "user" } as const;

export const branchRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/projects/:id/repository/branches", auth, handler: listBranches },
  { method: "POST", pattern: "/projects/:id/repository/branches", auth, handler: createBranch },
  {
    method: "GET",
    pattern: "/projects/:id/repository/branches/:branch",
    auth,
    handler: getBranch,
  },
  { method: "GET", pattern: "/projects/:id/repository/tags", auth, handler: listTags },
];
