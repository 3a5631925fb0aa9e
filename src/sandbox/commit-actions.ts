// POST /projects/:id/repository/commits: one commit from several file actions, with the 400s
// GitLab answers. The checks, in GitLab's order:
//   1. lib/api/commits.rb validate_commits_attrs!: required fields and well-formed actions
//      ("400 Bad request - branch is required", "actions[0][action] must be one of: ...");
//   2. Commits::CreateService#validate!: start_sha, start branch exists, new branch free;
//   3. Files::MultiService#validate_file_status!: a last_commit_id that is not the file's last
//      commit ("The file has changed since you started editing it: <path>");
//   4. Gitaly's index errors while applying the actions, mapped to their messages by
//      lib/gitlab/gitaly_client/operation_service.rb (index_error_message).
// Service errors are render_api_error!(message, 400): `{"message": "<message>"}`.

import type { CommitRecord, Person, Repository } from "./git.js";
import { apiError, badRequest, type Params } from "./http.js";
import { isValidBranchName } from "./ref-names.js";

const ACTIONS = ["create", "update", "move", "delete", "chmod"] as const;

interface Action {
  action: (typeof ACTIONS)[number];
  file_path: string;
  previous_path?: string;
  content?: string;
  encoding: "text" | "base64";
  last_commit_id?: string;
}

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");
const str = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

function validateAttrs(input: Params): Action[] {
  if (blank(input.branch)) throw badRequest("branch is required");
  if (blank(input.commit_message)) throw badRequest("commit_message is required");
  const actions = input.actions;
  if (!Array.isArray(actions) || actions.length === 0) throw badRequest("actions is required");
  if (input.start_sha !== undefined && input.start_branch !== undefined) {
    throw badRequest("start_branch, start_sha are mutually exclusive");
  }
  return actions.map((raw, i) => {
    const action = (raw ?? {}) as Record<string, unknown>;
    if (blank(action.action)) throw badRequest(`actions[${i}][action] is required`);
    if (blank(action.file_path)) throw badRequest(`actions[${i}][file_path] is required`);
    const kind = String(action.action);
    if (!(ACTIONS as readonly string[]).includes(kind)) {
      throw badRequest(`actions[${i}][action] must be one of: ${ACTIONS.join(", ")}`);
    }
    const encoding = str(action.encoding) ?? "text";
    if (encoding !== "text" && encoding !== "base64") {
      throw badRequest(`actions[${i}][encoding] must be text or base64`);
    }
    if (kind === "update" && !("content" in action)) {
      throw badRequest(`actions[${i}][content] is required for update action`);
    }
    if (kind === "move" && blank(action.previous_path)) {
      throw badRequest(`actions[${i}][previous_path] is required for move action`);
    }
    if (kind === "chmod" && !("execute_filemode" in action)) {
      throw badRequest(`actions[${i}][execute_filemode] is required for chmod action`);
    }
    const content = str(action.content);
    const previous = str(action.previous_path);
    const last = str(action.last_commit_id);
    return {
      action: kind as Action["action"],
      file_path: String(action.file_path).replace(/^\/+/, ""),
      encoding,
      ...(previous === undefined ? {} : { previous_path: previous.replace(/^\/+/, "") }),
      ...(content === undefined
        ? {}
        : {
            content:
              encoding === "base64" ? Buffer.from(content, "base64").toString("utf8") : content,
          }),
      ...(last === undefined ? {} : { last_commit_id: last }),
    };
  });
}

const fail = (message: string) => apiError(400, message);

function startCommit(repo: Repository, input: Params, branch: string) {
  const startSha = str(input.start_sha);
  if (startSha !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(startSha)) throw fail(`Invalid start_sha '${startSha}'`);
    const commit = repo.commits.get(startSha);
    if (!commit) throw fail(`Cannot find start_sha '${startSha}'`);
    return { commit, different: true };
  }
  const startBranch = str(input.start_branch) ?? branch;
  const empty = repo.commits.size === 0;
  const head = repo.branches.get(startBranch);
  if (!empty && head === undefined) {
    throw fail("You can only create or edit files when you are on a branch");
  }
  return { commit: head ? repo.commits.get(head) : undefined, different: startBranch !== branch };
}

export interface CommitRequest {
  repo: Repository;
  input: Params;
  committer: Person;
  at: string;
}

export function commitActions({ repo, input, committer, at }: CommitRequest): CommitRecord {
  const actions = validateAttrs(input);
  const branch = String(input.branch);
  const force = input.force === true || input.force === "true";
  const start = startCommit(repo, input, branch);
  if (start.different) {
    if (repo.commits.size > 0 && repo.branches.has(branch) && !force) {
      throw fail(
        `A branch called '${branch}' already exists. Switch to that branch in order to make changes`,
      );
    }
    if (!isValidBranchName(branch)) {
      throw fail(
        `Something went wrong when we tried to create '${branch}' for you: Branch name is invalid`,
      );
    }
  }
  for (const action of actions) {
    if (!["update", "move", "delete"].includes(action.action) || !action.last_commit_id) continue;
    const path = action.previous_path ?? action.file_path;
    const last = start.commit && repo.lastCommitForPath(start.commit.id, path);
    if (last && last !== action.last_commit_id) {
      throw fail(`The file has changed since you started editing it: ${path}`);
    }
  }
  const files = new Map(start.commit?.files);
  const changes = new Map<string, string | null>();
  const set = (path: string, content: string | null) => {
    if (content === null) files.delete(path);
    else files.set(path, content);
    changes.set(path, content);
  };
  for (const action of actions) {
    const exists = files.has(action.file_path);
    switch (action.action) {
      case "create":
        if (exists) throw fail("A file with this name already exists");
        set(action.file_path, action.content ?? "");
        break;
      case "update":
        if (!exists) throw fail("A file with this name doesn't exist");
        set(action.file_path, action.content ?? "");
        break;
      case "delete":
        if (!exists) throw fail("A file with this name doesn't exist");
        set(action.file_path, null);
        break;
      case "chmod":
        if (!exists) throw fail("A file with this name doesn't exist");
        break;
      case "move": {
        const from = action.previous_path ?? "";
        if (!files.has(from)) throw fail("A file with this name doesn't exist");
        if (exists && from !== action.file_path) {
          throw fail("A file with this name already exists");
        }
        const content = action.content ?? files.get(from) ?? "";
        set(from, null);
        set(action.file_path, content);
        break;
      }
    }
  }
  const author = {
    name: str(input.author_name) ?? committer.name,
    email: str(input.author_email) ?? committer.email,
  };
  const commit = repo.addCommit({
    parentIds: start.commit ? [start.commit.id] : [],
    message: String(input.commit_message),
    author,
    committer,
    authoredDate: at,
    changes,
  });
  repo.branches.set(branch, commit.id);
  return commit;
}
