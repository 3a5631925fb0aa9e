// The repository model: real git ids, inherited files, merges, merge base, last commit for a
// path, and the refs containing a commit.

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { blobId, Repository } from "../../../src/sandbox/git.js";

const person = { name: "Dana", email: "dana@example.com" };
const at = (minute: number) => `2026-11-26T10:${String(minute).padStart(2, "0")}:00.000Z`;

function graph() {
  const repo = new Repository();
  const commit = (
    parents: string[],
    message: string,
    minute: number,
    files: [string, string | null][],
  ) =>
    repo.addCommit({
      parentIds: parents,
      message,
      author: person,
      authoredDate: at(minute),
      changes: new Map(files),
    }).id;
  const root = commit([], "root", 0, [
    ["a.txt", "a\n"],
    ["dir/b.txt", "b\n"],
  ]);
  const side = commit([root], "side", 1, [["dir/c.txt", "c\n"]]);
  const main = commit([root], "main", 2, [["a.txt", "a2\n"]]);
  const merge = commit([main, side], "merge", 3, []);
  repo.branches.set("main", merge);
  repo.branches.set("side", side);
  repo.tags.set("v1", { name: "v1", target: root, message: null });
  return { repo, root, side, main, merge };
}

describe("Repository", () => {
  it("computes git's blob and tree ids", () => {
    expect(blobId("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(blobId("")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    const repo = new Repository();
    expect(repo.treeId(new Map([["hello.txt", "hello\n"]]), "")).toBe(
      "aaa96ced2d9a1c8e72c56b253a0e2fe78393feb7",
    );
  });

  it("gives a commit its parent's files plus its changes; a merge takes both sides", () => {
    const { repo, side, merge } = graph();
    expect([...(repo.commits.get(side)?.files.keys() ?? [])].sort()).toEqual([
      "a.txt",
      "dir/b.txt",
      "dir/c.txt",
    ]);
    const files = repo.commits.get(merge)?.files;
    expect(files?.get("a.txt")).toBe("a2\n");
    expect(files?.get("dir/c.txt")).toBe("c\n");
  });

  it("resolves branches, tags, full and short shas", () => {
    const { repo, root, merge } = graph();
    expect(repo.resolve("main")?.id).toBe(merge);
    expect(repo.resolve("refs/heads/main")?.id).toBe(merge);
    expect(repo.resolve("v1")?.id).toBe(root);
    expect(repo.resolve(root.slice(0, 8))?.id).toBe(root);
    expect(repo.resolve("nope")).toBeUndefined();
  });

  it("finds merge bases and ancestry", () => {
    const { repo, root, side, main, merge } = graph();
    expect(repo.mergeBase([side, main])).toBe(root);
    expect(repo.mergeBase([side, merge])).toBe(side);
    expect(repo.isAncestor(side, merge)).toBe(true);
    expect(repo.isAncestor(merge, side)).toBe(false);
    const orphan = repo.addCommit({
      parentIds: [],
      message: "orphan",
      author: person,
      authoredDate: at(9),
      changes: new Map([["z", "z"]]),
    });
    expect(repo.mergeBase([orphan.id, merge])).toBeUndefined();
  });

  it("finds the last commit that changed a path, through merges", () => {
    const { repo, root, side, main, merge } = graph();
    expect(repo.lastCommitForPath(merge, "a.txt")).toBe(main);
    expect(repo.lastCommitForPath(merge, "dir/c.txt")).toBe(side);
    expect(repo.lastCommitForPath(merge, "dir/b.txt")).toBe(root);
    expect(repo.lastCommitForPath(merge, "missing")).toBeUndefined();
  });

  it("lists the branches and tags containing a commit", () => {
    const { repo, root, side } = graph();
    expect(repo.branchesContaining(root)).toEqual(["main", "side"]);
    expect(repo.branchesContaining(side)).toEqual(["main", "side"]);
    expect(repo.tagsContaining(root)).toEqual(["v1"]);
    expect(repo.tagsContaining(side)).toEqual([]);
  });

  it("makes commit ids git would make", () => {
    let git: string | undefined;
    try {
      git = execFileSync("git", ["--version"], { encoding: "utf8" });
    } catch {
      git = undefined;
    }
    const repo = new Repository();
    const commit = repo.addCommit({
      parentIds: [],
      message: "m\n",
      author: person,
      authoredDate: "2026-01-01T00:00:00Z",
      changes: new Map([["hello.txt", "hello\n"]]),
    });
    const text = `tree aaa96ced2d9a1c8e72c56b253a0e2fe78393feb7\nauthor Dana <dana@example.com> 1767225600 +0000\ncommitter Dana <dana@example.com> 1767225600 +0000\n\nm\n`;
    if (git) {
      const id = execFileSync("git", ["hash-object", "-t", "commit", "--stdin"], {
        input: text,
        encoding: "utf8",
      }).trim();
      expect(commit.id).toBe(id);
    }
    expect(commit.id).toMatch(/^[0-9a-f]{40}$/);
  });
});
