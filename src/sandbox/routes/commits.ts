// Commits (lib/api/commits.rb) and the merge base (lib/api/repositories.rb). `:sha` is one
// raw segment (COMMIT_ENDPOINT_REQUIREMENTS): a branch name with a slash must be encoded.

import { commitActions } from "../commit-actions.js";
import type { ApiRoute, RouteContext } from "../context.js";
import { commitDetailEntity, commitEntity } from "../entities-repo.js";
import { apiError, json, notFound, type SandboxResponse } from "../http.js";
import { personOf } from "../merge.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import { findCommit, linkParams, projectRepo } from "../repo-lookup.js";

function getCommit(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [{ name: "stats", type: "boolean", default: true }],
  });
  const found = projectRepo(ctx);
  const commit = findCommit(found, ctx.params.sha);
  const body = commitDetailEntity(
    found.repo,
    commit,
    found.project,
    ctx.instanceUrl,
    p.stats as boolean,
  );
  return json(200, body);
}

function commitRefs(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [{ name: "type", type: "string", values: ["branch", "tag", "all"], default: "all" }],
  });
  const page = readPageRequest(ctx.input);
  const found = projectRepo(ctx);
  const commit = findCommit(found, ctx.params.sha);
  const type = declared.type as string;
  const refs = [
    ...(type === "tag" ? [] : found.repo.branchesContaining(commit.id)).map((name) => ({
      type: "branch",
      name,
    })),
    ...(type === "branch" ? [] : found.repo.tagsContaining(commit.id)).map((name) => ({
      type: "tag",
      name,
    })),
  ];
  // Gitaly cannot count these: paginate(refs, without_count: true), so no X-Total,
  // X-Total-Pages or rel="last" here, however few refs there are (lib/api/commits.rb).
  const { items, headers } = paginate(refs, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
    withoutCount: true,
  });
  return json(200, items, headers);
}

function mergeBase(ctx: RouteContext): SandboxResponse {
  const p = declareParams(ctx.input, {
    params: [{ name: "refs", type: "string_list", required: true }],
  });
  const refs = p.refs as string[];
  if (refs.length < 2) throw apiError(400, "Provide at least 2 refs");
  const found = projectRepo(ctx);
  const unknown = refs.filter((ref) => !found.repo.resolve(ref));
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? "ref" : "refs";
    throw apiError(400, `Could not find ${noun}: ${unknown.join(", ")}`);
  }
  const ids = refs.map((ref) => found.repo.resolve(ref)?.id ?? "");
  const base = found.repo.mergeBase(ids);
  const commit = base === undefined ? undefined : found.repo.commits.get(base);
  if (!commit) throw notFound("Merge Base");
  return json(200, commitEntity(commit, found.project, ctx.instanceUrl));
}

function createCommit(ctx: RouteContext): SandboxResponse {
  const found = projectRepo(ctx);
  const commit = commitActions({
    repo: found.repo,
    input: ctx.input,
    committer: personOf(ctx.auth.user),
    at: ctx.state.stamp(),
  });
  const stats = ctx.input.stats !== false && ctx.input.stats !== "false";
  return json(201, commitDetailEntity(found.repo, commit, found.project, ctx.instanceUrl, stats));
}

const auth = { level: "user" } as const;

export const commitRoutes: ApiRoute[] = [
  { method: "POST", pattern: "/projects/:id/repository/commits", auth, handler: createCommit },
  { method: "GET", pattern: "/projects/:id/repository/commits/:sha", auth, handler: getCommit },
  {
    method: "GET",
    pattern: "/projects/:id/repository/commits/:sha/refs",
    auth,
    handler: commitRefs,
  },
  { method: "GET", pattern: "/projects/:id/repository/merge_base", auth, handler: mergeBase },
];
