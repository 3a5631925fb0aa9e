// GET /projects/:id/search (lib/api/search.rb) for scope=blobs: code search at a ref (the
// default branch unless `ref` is given), one entry per matching chunk
// (lib/api/entities/blob.rb: `filename` repeats the full `path`, not the base name).
// The other scopes are accepted and answer an empty page: the sandbox does not index them.

import { searchBlobs } from "../blob-search.js";
import type { ApiRoute, RouteContext } from "../context.js";
import { json, type SandboxResponse } from "../http.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import { linkParams, projectRepo } from "../repo-lookup.js";

const SCOPES = [
  "issues",
  "merge_requests",
  "milestones",
  "notes",
  "wiki_blobs",
  "commits",
  "blobs",
  "users",
];

function projectSearch(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [
      { name: "search", type: "string", required: true, notBlank: true },
      { name: "scope", type: "string", required: true, values: SCOPES },
      { name: "ref", type: "string" },
    ],
  });
  const page = readPageRequest(ctx.input);
  const { project, repo } = projectRepo(ctx);
  const ref = (declared.ref as string | undefined) ?? project.defaultBranch;
  const commit = declared.scope === "blobs" ? repo.resolve(ref) : undefined;
  const matches = commit ? searchBlobs(commit.files, declared.search as string) : [];
  const { items, headers } = paginate(matches, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  const body = items.map((match) => ({
    basename: match.basename,
    data: match.data,
    path: match.path,
    filename: match.path,
    id: null,
    ref,
    startline: match.startline,
    project_id: project.id,
  }));
  return json(200, body, headers);
}

export const searchRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/search",
    auth: { level: "user" },
    handler: projectSearch,
  },
];
