// A project's repository as the sandbox keeps it: a commit graph in memory. Each commit holds
// the full file tree at that point (its first parent's files plus its own changes; a merge
// commit also takes what its other parent changed since the merge base), branches and tags
// point at commits. Ids are real git object ids (blob, tree and commit hashes), so a blob_id
// or a commit id looks and behaves like GitLab's.

import { sha1, treeId } from "./git-tree.js";

export interface Person {
  name: string;
  email: string;
}

export interface CommitRecord {
  id: string;
  parentIds: string[];
  message: string;
  author: Person;
  committer: Person;
  authoredDate: string;
  committedDate: string;
  /** What this commit changed against its first parent: content, or null for a deletion. */
  changes: Map<string, string | null>;
  /** Every file (path -> content) at this commit. */
  files: Map<string, string>;
}

export interface TagRecord {
  name: string;
  /** The commit the tag points at. */
  target: string;
  /** An annotated tag's message; null for a lightweight tag. */
  message: string | null;
}

export interface NewCommit {
  parentIds: string[];
  message: string;
  author: Person;
  committer?: Person;
  authoredDate: string;
  committedDate?: string;
  changes: Map<string, string | null>;
}

export { blobId, directoryEntries, isDirectory } from "./git-tree.js";

const FULL_SHA = /^[0-9a-f]{40}$/;
const SHORT_SHA = /^[0-9a-f]{4,40}$/;

export class Repository {
  readonly commits = new Map<string, CommitRecord>();
  readonly branches = new Map<string, string>();
  readonly tags = new Map<string, TagRecord>();
  private readonly treeIds = new Map<string, string>();

  /**
   * What user_project.commit(ref) finds: a branch, a tag, `refs/heads/...`, `refs/tags/...`,
   * or a full or unambiguous abbreviated commit id.
   */
  resolve(ref: string | undefined): CommitRecord | undefined {
    if (ref === undefined || ref === "") return undefined;
    const named =
      this.branches.get(ref) ??
      this.tags.get(ref)?.target ??
      this.branches.get(ref.replace(/^refs\/heads\//, "")) ??
      this.tags.get(ref.replace(/^refs\/tags\//, ""))?.target;
    if (named !== undefined) return this.commits.get(named);
    const wanted = ref.toLowerCase();
    if (FULL_SHA.test(wanted)) return this.commits.get(wanted);
    if (!SHORT_SHA.test(wanted)) return undefined;
    const found = [...this.commits.keys()].filter((id) => id.startsWith(wanted));
    return found.length === 1 ? this.commits.get(found[0] ?? "") : undefined;
  }

  /** The commit and every commit reachable from it. */
  ancestors(id: string): Set<string> {
    const seen = new Set<string>();
    const queue = [id];
    while (queue.length > 0) {
      const current = queue.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      queue.push(...(this.commits.get(current)?.parentIds ?? []));
    }
    return seen;
  }

  /** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestors(descendant).has(ancestor);
  }

  /**
   * git merge-base A B [C...]: the best common ancestor of A and a hypothetical merge of the
   * others; undefined when their histories are unrelated.
   */
  mergeBase(ids: readonly string[]): string | undefined {
    const [first, ...others] = ids;
    if (first === undefined || others.length === 0) return undefined;
    const mine = this.ancestors(first);
    const theirs = new Set(others.flatMap((id) => [...this.ancestors(id)]));
    const common = [...mine].filter((id) => theirs.has(id));
    // Best: a common ancestor that is not an ancestor of another common ancestor.
    const best = common.filter(
      (candidate) =>
        !common.some((other) => other !== candidate && this.isAncestor(candidate, other)),
    );
    return best.sort((a, b) => this.date(b).localeCompare(this.date(a)))[0];
  }

  private date(id: string): string {
    return this.commits.get(id)?.committedDate ?? "";
  }

  /**
   * git log -1 <commit> -- <path>, with git's history simplification: at a merge, follow a
   * parent that has the path unchanged; the commit that changed it is the answer.
   */
  lastCommitForPath(id: string, path: string): string | undefined {
    let current = this.commits.get(id);
    while (current) {
      const value = current.files.get(path);
      const parents = current.parentIds.map((p) => this.commits.get(p)).filter((p) => !!p);
      const same = parents.find((parent) => parent?.files.get(path) === value);
      if (!same) return value === undefined ? undefined : current.id;
      current = same;
    }
    return undefined;
  }

  /** Branch names whose history contains the commit, sorted (git for-each-ref --contains). */
  branchesContaining(id: string): string[] {
    return [...this.branches]
      .filter(([, head]) => this.isAncestor(id, head))
      .map(([name]) => name)
      .sort();
  }

  tagsContaining(id: string): string[] {
    return [...this.tags.values()]
      .filter((tag) => this.isAncestor(id, tag.target))
      .map((tag) => tag.name)
      .sort();
  }

  /** Adds a commit; its id is the git commit hash of its tree, parents, people and message. */
  addCommit(input: NewCommit): CommitRecord {
    const files = this.mergedFiles(input.parentIds);
    for (const [path, content] of input.changes) {
      if (content === null) files.delete(path);
      else files.set(path, content);
    }
    const committer = input.committer ?? input.author;
    const committedDate = input.committedDate ?? input.authoredDate;
    const stamp = (person: Person, date: string) =>
      `${person.name} <${person.email}> ${Math.floor(Date.parse(date) / 1000)} +0000`;
    const text = [
      `tree ${this.treeId(files, "")}`,
      ...input.parentIds.map((parent) => `parent ${parent}`),
      `author ${stamp(input.author, input.authoredDate)}`,
      `committer ${stamp(committer, committedDate)}`,
      "",
      input.message,
    ].join("\n");
    const body = Buffer.from(text, "utf8");
    const id = sha1(Buffer.concat([Buffer.from(`commit ${body.length}\0`), body]));
    const commit: CommitRecord = {
      id,
      parentIds: [...input.parentIds],
      message: input.message,
      author: input.author,
      committer,
      authoredDate: input.authoredDate,
      committedDate,
      changes: new Map(input.changes),
      files,
    };
    this.commits.set(id, commit);
    return commit;
  }

  /** Stores a commit under a given id (seeds that name their shas). */
  addCommitAs(id: string, input: NewCommit): CommitRecord {
    const commit = this.addCommit(input);
    this.commits.delete(commit.id);
    const renamed = { ...commit, id };
    this.commits.set(id, renamed);
    return renamed;
  }

  /** The first parent's files, plus what each other parent changed since the merge base. */
  private mergedFiles(parentIds: readonly string[]): Map<string, string> {
    const [first, ...others] = parentIds;
    const files = new Map(first === undefined ? [] : this.commits.get(first)?.files);
    for (const other of others) {
      const theirs = this.commits.get(other)?.files ?? new Map<string, string>();
      const baseId = first === undefined ? undefined : this.mergeBase([first, other]);
      const base = (baseId && this.commits.get(baseId)?.files) || new Map<string, string>();
      for (const path of new Set([...base.keys(), ...theirs.keys()])) {
        const value = theirs.get(path);
        if (value === base.get(path)) continue;
        if (value === undefined) files.delete(path);
        else files.set(path, value);
      }
    }
    return files;
  }

  /** The git tree id of directory `dir` ("" for the root) in a file set. */
  treeId(files: ReadonlyMap<string, string>, dir: string): string {
    return treeId(files, dir, this.treeIds);
  }
}
