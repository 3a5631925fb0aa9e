// commitActions: the order of GitLab's checks and the messages of each 400.

import { describe, expect, it } from "vitest";
import { commitActions } from "../../../src/sandbox/commit-actions.js";
import { Repository } from "../../../src/sandbox/git.js";
import { ApiError } from "../../../src/sandbox/http.js";

const person = { name: "Dana", email: "dana@example.com" };

function setup() {
  const repo = new Repository();
  const first = repo.addCommit({
    parentIds: [],
    message: "first",
    author: person,
    authoredDate: "2026-01-01T00:00:00Z",
    changes: new Map([["a.txt", "a\n"]]),
  });
  repo.branches.set("main", first.id);
  return { repo, first };
}

function run(repo: Repository, input: Record<string, unknown>) {
  return commitActions({ repo, input, committer: person, at: "2026-01-02T00:00:00Z" });
}

function messageOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return (error.body as { message: unknown }).message;
    throw error;
  }
  return undefined;
}

describe("commitActions", () => {
  it("commits on the branch and moves it", () => {
    const { repo, first } = setup();
    const commit = run(repo, {
      branch: "main",
      commit_message: "second",
      actions: [{ action: "update", file_path: "/a.txt", content: "b\n" }],
    });
    expect(commit.parentIds).toEqual([first.id]);
    expect(commit.files.get("a.txt")).toBe("b\n");
    expect(repo.branches.get("main")).toBe(commit.id);
  });

  it("checks the request before the repository", () => {
    const { repo } = setup();
    expect(messageOf(() => run(repo, { branch: " ", commit_message: "m", actions: [{}] }))).toBe(
      "400 Bad request - branch is required",
    );
    expect(messageOf(() => run(repo, { branch: "main", actions: [{}] }))).toBe(
      "400 Bad request - commit_message is required",
    );
    expect(messageOf(() => run(repo, { branch: "main", commit_message: "m" }))).toBe(
      "400 Bad request - actions is required",
    );
    expect(
      messageOf(() =>
        run(repo, { branch: "main", commit_message: "m", actions: [{ action: "create" }] }),
      ),
    ).toBe("400 Bad request - actions[0][file_path] is required");
    expect(
      messageOf(() =>
        run(repo, {
          branch: "main",
          commit_message: "m",
          start_branch: "main",
          start_sha: "x",
          actions: [{ action: "create", file_path: "b" }],
        }),
      ),
    ).toBe("400 Bad request - start_branch, start_sha are mutually exclusive");
  });

  it("answers the service's and Gitaly's messages", () => {
    const { repo, first } = setup();
    const attempt = (actions: unknown[], extra: Record<string, unknown> = {}) =>
      messageOf(() => run(repo, { branch: "main", commit_message: "m", actions, ...extra }));
    expect(attempt([{ action: "create", file_path: "a.txt" }])).toBe(
      "A file with this name already exists",
    );
    expect(attempt([{ action: "move", file_path: "a.txt", previous_path: "zz" }])).toBe(
      "A file with this name doesn't exist",
    );
    expect(
      attempt([{ action: "delete", file_path: "a.txt", last_commit_id: "f".repeat(40) }]),
    ).toBe("The file has changed since you started editing it: a.txt");
    expect(attempt([{ action: "create", file_path: "b" }], { start_sha: "abc" })).toBe(
      "Invalid start_sha 'abc'",
    );
    expect(attempt([{ action: "create", file_path: "b" }], { start_sha: "0".repeat(40) })).toBe(
      `Cannot find start_sha '${"0".repeat(40)}'`,
    );
    const fromSha = run(repo, {
      branch: "topic",
      start_sha: first.id,
      commit_message: "m",
      actions: [{ action: "create", file_path: "b" }],
    });
    expect(fromSha.parentIds).toEqual([first.id]);
    expect(
      messageOf(() =>
        run(repo, {
          branch: "bad name",
          start_branch: "main",
          commit_message: "m",
          actions: [{ action: "create", file_path: "c" }],
        }),
      ),
    ).toBe(
      "Something went wrong when we tried to create 'bad name' for you: Branch name is invalid",
    );
  });

  it("commits into an empty repository", () => {
    const repo = new Repository();
    const commit = run(repo, {
      branch: "main",
      commit_message: "init",
      actions: [{ action: "create", file_path: "README.md", content: "hi" }],
    });
    expect(commit.parentIds).toEqual([]);
    expect(repo.branches.get("main")).toBe(commit.id);
  });
});
