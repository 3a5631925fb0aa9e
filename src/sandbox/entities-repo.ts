// GitLab's JSON for repository objects: commits (lib/api/entities/commit.rb,
// commit_detail.rb), branches (branch.rb), tags (tag.rb), tree entries (tree_object.rb).

import type { CommitRecord, Repository, TagRecord } from "./git.js";
import type { ProjectRecord } from "./records.js";
import { commitTrailers } from "./trailers.js";

type Json = Record<string, unknown>;

/** Commit#full_title: the message's first line. */
export function commitTitle(message: string): string {
  return message.split("\n")[0] ?? "";
}

export function commitEntity(commit: CommitRecord, project: ProjectRecord, base: string): Json {
  return {
    id: commit.id,
    short_id: commit.id.slice(0, 8),
    // Commit#created_at is the committed date.
    created_at: commit.committedDate,
    parent_ids: [...commit.parentIds],
    title: commitTitle(commit.message),
    message: commit.message,
    author_name: commit.author.name,
    author_email: commit.author.email,
    authored_date: commit.authoredDate,
    committer_name: commit.committer.name,
    committer_email: commit.committer.email,
    committed_date: commit.committedDate,
    ...commitTrailers(commit.message),
    web_url: `${base}/${project.pathWithNamespace}/-/commit/${commit.id}`,
  };
}

/** Lines added and removed, counted as multisets of lines per changed file. */
export function commitStats(repo: Repository, commit: CommitRecord) {
  const parent = commit.parentIds[0] ? repo.commits.get(commit.parentIds[0]) : undefined;
  const before = parent?.files ?? new Map<string, string>();
  const paths = new Set<string>();
  for (const [path, content] of commit.files) if (before.get(path) !== content) paths.add(path);
  for (const path of before.keys()) if (!commit.files.has(path)) paths.add(path);
  let additions = 0;
  let deletions = 0;
  const count = (text: string | undefined) => {
    const lines = new Map<string, number>();
    // Lines as git counts them: a final newline ends the last line, it does not add one.
    for (const line of text === undefined || text === "" ? [] : text.replace(/\n$/, "").split("\n"))
      lines.set(line, (lines.get(line) ?? 0) + 1);
    return lines;
  };
  for (const path of paths) {
    const old = count(before.get(path));
    const now = count(commit.files.get(path));
    for (const [line, n] of now) additions += Math.max(0, n - (old.get(line) ?? 0));
    for (const [line, n] of old) deletions += Math.max(0, n - (now.get(line) ?? 0));
  }
  return { additions, deletions, total: additions + deletions };
}

export function commitDetailEntity(
  repo: Repository,
  commit: CommitRecord,
  project: ProjectRecord,
  base: string,
  withStats = true,
): Json {
  return {
    ...commitEntity(commit, project, base),
    ...(withStats ? { stats: commitStats(repo, commit) } : {}),
    status: null,
    project_id: project.id,
    last_pipeline: null,
  };
}

export function branchEntity(
  repo: Repository,
  name: string,
  project: ProjectRecord,
  base: string,
): Json {
  const head = repo.commits.get(repo.branches.get(name) ?? "");
  const rootHead = repo.branches.get(project.defaultBranch);
  // Repository#merged_to_root_ref?: false for the default branch itself and for a branch
  // whose head is the default branch's head.
  const merged =
    name !== project.defaultBranch &&
    head !== undefined &&
    rootHead !== undefined &&
    head.id !== rootHead &&
    repo.isAncestor(head.id, rootHead);
  // A new project's default branch is protected (Maintainers push and merge).
  const isProtected = name === project.defaultBranch;
  return {
    name,
    commit: head ? commitEntity(head, project, base) : null,
    merged,
    protected: isProtected,
    developers_can_push: !isProtected,
    developers_can_merge: !isProtected,
    can_push: true,
    default: name === project.defaultBranch,
    web_url: `${base}/${project.pathWithNamespace}/-/tree/${name}`,
  };
}

export function tagEntity(
  repo: Repository,
  tag: TagRecord,
  project: ProjectRecord,
  base: string,
): Json {
  const commit = repo.commits.get(tag.target);
  return {
    name: tag.name,
    message: tag.message ?? "",
    target: tag.target,
    commit: commit ? commitEntity(commit, project, base) : null,
    release: null,
    protected: false,
    created_at: tag.message === null ? null : (commit?.committedDate ?? null),
  };
}
