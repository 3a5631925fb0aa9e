// The commits of a merge request (lib/api/merge_requests.rb, "Get the commits of a merge
// request"): the commits of its latest diff, newest first, paginated, as Entities::Commit. The
// diff is the source head against the target at the merge base: for a merged MR the target as
// it was just before the merge (the merge commit's first parent), since GitLab keeps the diff
// the MR was merged with. An unknown iid is "404 Not found", as for the MR itself.

import type { ApiRoute, RouteContext } from "../context.js";
import { mrHeadSha } from "../entities-mr.js";
import { commitEntity } from "../entities-repo.js";
import { json, type SandboxResponse } from "../http.js";
import { findProject } from "../lookup.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import type { MergeRequestRecord } from "../records-more.js";
import { linkParams } from "../repo-lookup.js";
import type { InstanceState } from "../state.js";
import { findMergeRequest } from "./merge-requests.js";

/** The target's side of the diff: where the target branch was when the MR was merged, or is now. */
function targetSide(state: InstanceState, mr: MergeRequestRecord): string | undefined {
  const repo = state.repository(mr.projectId);
  if (mr.mergeCommitSha) return repo.commits.get(mr.mergeCommitSha)?.parentIds[0];
  return repo.branches.get(mr.targetBranch);
}

function mergeRequestCommits(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, { params: [] });
  const page = readPageRequest(ctx.input);
  const project = findProject(ctx);
  const mr = findMergeRequest(ctx);
  const repo = ctx.state.repository(mr.projectId);
  const head = mrHeadSha(ctx.state, mr);
  const target = targetSide(ctx.state, mr);
  const reachable = head ? repo.ancestors(head) : new Set<string>();
  const base = head && target ? repo.mergeBase([head, target]) : undefined;
  const excluded = base ? repo.ancestors(base) : new Set<string>();
  const ids = [...reachable].filter((id) => !excluded.has(id));
  // git log's order: a commit before its parents (the sandbox's clock may give them one time).
  const depth = new Map(
    ids.map((id) => [id, [...repo.ancestors(id)].filter((a) => !excluded.has(a)).length]),
  );
  const commits = ids
    .sort((a, b) => (depth.get(b) ?? 0) - (depth.get(a) ?? 0))
    .map((id) => repo.commits.get(id))
    .filter((c) => c !== undefined);
  const { items, headers } = paginate(commits, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  return json(
    200,
    items.map((c) => commitEntity(c, project, ctx.instanceUrl)),
    headers,
  );
}

export const mergeRequestCommitRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/merge_requests/:merge_request_iid/commits",
    auth: { level: "user" },
    handler: mergeRequestCommits,
  },
];
