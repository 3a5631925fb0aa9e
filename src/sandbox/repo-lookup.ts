// Lookups shared by the repository routes, with GitLab's 404s: a ref that names no commit is
// "404 Commit Not Found" (not_found! 'Commit'), and the Link header repeats the request's
// params as Grape holds them.

import type { RouteContext } from "./context.js";
import type { CommitRecord, Repository } from "./git.js";
import { notFound } from "./http.js";
import { findProject } from "./lookup.js";
import type { ProjectRecord } from "./records.js";

export interface ProjectRepo {
  project: ProjectRecord;
  repo: Repository;
}

export function projectRepo(ctx: RouteContext): ProjectRepo {
  const project = findProject(ctx);
  return { project, repo: ctx.state.repository(project.id) };
}

/**
 * user_project.commit(ref): a missing ref means the default branch's head, and so does `HEAD`,
 * which git resolves through the repository's HEAD, the default branch on GitLab
 * (Project#commit(ref = 'HEAD') in app/models/project.rb; git refuses a branch named HEAD).
 */
export function findCommit(
  { project, repo }: ProjectRepo,
  ref: string | undefined,
  resource = "Commit",
): CommitRecord {
  const commit = repo.resolve(ref === undefined || ref === "HEAD" ? project.defaultBranch : ref);
  if (!commit) throw notFound(resource);
  return commit;
}

/** Grape's `params` for a Link header: what was sent (tokens left out), declared, route. */
export function linkParams(
  ctx: RouteContext,
  declared: Record<string, unknown>,
): Record<string, unknown> {
  const { private_token: _p, access_token: _a, ...rest } = ctx.input;
  return { ...rest, ...declared, ...ctx.params };
}
