// Merging a merge request, for tests and the demo (GitLab merges through its UI or the merge
// API; the sandbox offers a state method and a control route instead). What the merge writes
// follows GitLab's default merge method ("merge commit"): with squash, first a squash commit
// on top of the merge base (MergeRequests::SquashService: start_sha is the diff base), then a
// merge commit whose parents are the target head and the merged head.

import type { Person, Repository } from "./git.js";
import type { ProjectRecord, UserRecord } from "./records.js";
import type { MergeRequestRecord } from "./records-more.js";

/** What a merge reads and writes of one instance (InstanceState has it all); named here so that
 * the state, which offers merging as a method, and the merge do not import each other. */
export interface MergeScope {
  repository(projectId: number): Repository;
  userById(id: number): UserRecord | undefined;
  userByUsername(username: string): UserRecord | undefined;
  projectById(id: number): ProjectRecord | undefined;
  /** The instance clock's now, as GitLab writes timestamps. */
  stamp(): string;
}

export interface MergeOptions {
  /** Override the MR's squash setting. */
  squash?: boolean;
  /** Username of who merges (default: the MR's author). */
  user?: string;
  mergeCommitMessage?: string;
  /** Default: the MR's title (GitLab's default squash commit message). */
  squashCommitMessage?: string;
}

export class MergeError extends Error {
  override name = "MergeError";
}

/** Paths whose content differs between two file sets (null = deleted in `after`). */
export function diffFiles(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): Map<string, string | null> {
  const changes = new Map<string, string | null>();
  for (const [path, content] of after) if (before.get(path) !== content) changes.set(path, content);
  for (const path of before.keys()) if (!after.has(path)) changes.set(path, null);
  return changes;
}

export function personOf(user: { name: string; username: string }): Person {
  return { name: user.name, email: `${user.username}@example.com` };
}

/** GitLab's default merge commit template, with its empty %{issues} paragraph dropped. */
export function defaultMergeMessage(mr: MergeRequestRecord, reference: string): string {
  return [
    `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'`,
    "",
    mr.title,
    "",
    `See merge request ${reference}`,
  ].join("\n");
}

export function mergeMergeRequest(
  state: MergeScope,
  mr: MergeRequestRecord,
  options: MergeOptions = {},
): MergeRequestRecord {
  if (mr.state !== "opened") throw new MergeError(`merge request !${mr.iid} is ${mr.state}`);
  const repo = state.repository(mr.projectId);
  const sourceHead = repo.branches.get(mr.sourceBranch);
  const targetHead = repo.branches.get(mr.targetBranch);
  if (!sourceHead) throw new MergeError(`source branch "${mr.sourceBranch}" does not exist`);
  if (!targetHead) throw new MergeError(`target branch "${mr.targetBranch}" does not exist`);
  const merger = options.user ? state.userByUsername(options.user) : state.userById(mr.authorId);
  if (!merger) throw new MergeError(`no user "${options.user}"`);
  const author = state.userById(mr.authorId) ?? merger;
  const project = state.projectById(mr.projectId);
  const at = state.stamp();

  const squash = options.squash ?? mr.squash;
  let mergedHead = sourceHead;
  let squashCommitSha: string | null = null;
  if (squash) {
    const base = repo.mergeBase([sourceHead, targetHead]);
    const baseFiles = (base && repo.commits.get(base)?.files) || new Map<string, string>();
    const squashed = repo.addCommit({
      parentIds: base ? [base] : [],
      message: options.squashCommitMessage ?? mr.title,
      author: personOf(author),
      committer: personOf(merger),
      authoredDate: at,
      changes: diffFiles(baseFiles, repo.commits.get(sourceHead)?.files ?? new Map()),
    });
    mergedHead = squashed.id;
    squashCommitSha = squashed.id;
  }
  const reference = `${project?.pathWithNamespace ?? ""}!${mr.iid}`;
  const mergeCommit = repo.addCommit({
    parentIds: [targetHead, mergedHead],
    message: options.mergeCommitMessage ?? defaultMergeMessage(mr, reference),
    author: personOf(merger),
    authoredDate: at,
    changes: new Map(),
  });
  repo.branches.set(mr.targetBranch, mergeCommit.id);

  mr.state = "merged";
  mr.mergedAt = at;
  mr.updatedAt = at;
  mr.mergedById = merger.id;
  mr.sha = sourceHead;
  mr.squash = squash;
  mr.mergeCommitSha = mergeCommit.id;
  mr.squashCommitSha = squashCommitSha;
  if (mr.forceRemoveSourceBranch) repo.branches.delete(mr.sourceBranch);
  return mr;
}
