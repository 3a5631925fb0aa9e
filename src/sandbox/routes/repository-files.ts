// The repository's files: the tree (lib/api/repositories.rb, Repositories::TreeFinder) and one
// file, as JSON or raw (lib/api/files.rb). `:file_path` is one URL-encoded segment
// (FILE_ENDPOINT_REQUIREMENTS): an unencoded slash makes the route unknown, hence a 404.

import { createHash } from "node:crypto";
import type { ApiRoute, RouteContext } from "../context.js";
import { blobId, type CommitRecord, directoryEntries, isDirectory } from "../git.js";
import { apiError, grapeError, json, notFound, type SandboxResponse } from "../http.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import { findCommit, linkParams, type ProjectRepo, projectRepo } from "../repo-lookup.js";

interface TreeEntry {
  type: "tree" | "blob";
  name: string;
  path: string;
  content: string;
}

function treeEntries(commit: CommitRecord, dir: string, recursive: boolean): TreeEntry[] {
  if (!recursive) return directoryEntries(commit.files, dir);
  const prefix = dir === "" ? "" : `${dir}/`;
  const out = new Map<string, TreeEntry>();
  for (const [path, content] of commit.files) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split("/");
    for (let i = 1; i < parts.length; i++) {
      const sub = `${prefix}${parts.slice(0, i).join("/")}`;
      out.set(sub, { type: "tree", name: parts[i - 1] ?? "", path: sub, content: "" });
    }
    out.set(path, { type: "blob", name: parts.at(-1) ?? "", path, content });
  }
  return [...out.values()];
}

function listTree(ctx: RouteContext): SandboxResponse {
  const declared = declareParams(ctx.input, {
    params: [
      { name: "ref", type: "string" },
      { name: "path", type: "string" },
      { name: "recursive", type: "boolean", default: false },
    ],
  });
  const page = readPageRequest(ctx.input);
  const found = projectRepo(ctx);
  // not_found!("Tree") unless tree_finder.commit_exists?
  const commit = findCommit(found, declared.ref as string | undefined, "Tree");
  const dir = ((declared.path as string | undefined) ?? "").replace(/^\/+|\/+$/g, "");
  if (!isDirectory(commit.files, dir)) {
    // Gitaly's "invalid revision or path" re-raised as not_found!(e.message).
    throw apiError(404, "404 invalid revision or path Not Found");
  }
  // Tree#sorted_entries: trees first, then blobs, each in path order.
  const entries = treeEntries(commit, dir, declared.recursive as boolean).sort((a, b) =>
    a.type === b.type ? (a.path < b.path ? -1 : 1) : a.type === "tree" ? -1 : 1,
  );
  const { items, headers } = paginate(entries, {
    request: page,
    url: ctx.requestUrl,
    linkParams: linkParams(ctx, declared),
  });
  const body = items.map((entry) => ({
    id: entry.type === "tree" ? found.repo.treeId(commit.files, entry.path) : blobId(entry.content),
    name: entry.name,
    type: entry.type,
    path: entry.path,
    mode: entry.type === "tree" ? "040000" : "100644",
  }));
  return json(200, body, headers);
}

/** The `file_path: true` validator refuses traversal and absolute paths. */
function filePath(ctx: RouteContext, allowInitialSlash: boolean): string {
  let path = ctx.params.file_path ?? "";
  if (allowInitialSlash) path = path.replace(/^\/+/, "");
  if (path.startsWith("/") || path.split("/").includes("..") || path.includes("\0")) {
    throw grapeError(400, "file_path should be a valid file path");
  }
  return path;
}

interface FileFound {
  found: ProjectRepo;
  commit: CommitRecord;
  path: string;
  content: string;
  data: Record<string, unknown>;
  headers: Record<string, string>;
}

/** assign_file_vars! and blob_data: the file's metadata, also sent as X-Gitlab-* headers. */
function readFile(ctx: RouteContext, ref: string | undefined, path: string): FileFound {
  const found = projectRepo(ctx);
  const commit = findCommit(found, ref);
  const content = commit.files.get(path);
  if (content === undefined) throw notFound("File");
  const data: Record<string, unknown> = {
    file_name: path.slice(path.lastIndexOf("/") + 1),
    file_path: path,
    size: Buffer.byteLength(content),
    encoding: "base64",
    content_sha256: createHash("sha256").update(content).digest("hex"),
    ref: ref ?? null,
    blob_id: blobId(content),
    commit_id: commit.id,
    last_commit_id: found.repo.lastCommitForPath(commit.id, path) ?? commit.id,
    execute_filemode: false,
  };
  // set_http_headers: "X-Gitlab-" + each key's words capitalised.
  const headers = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      `X-Gitlab-${key
        .split("_")
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("-")}`,
      String(value ?? ""),
    ]),
  );
  return { found, commit, path, content, data, headers };
}

function getFile(ctx: RouteContext): SandboxResponse {
  const path = filePath(ctx, false);
  const p = declareParams(ctx.input, {
    params: [{ name: "ref", type: "string", required: true, notBlank: true }],
  });
  const file = readFile(ctx, p.ref as string, path);
  const content = Buffer.from(file.content, "utf8").toString("base64");
  return json(200, { ...file.data, content }, file.headers);
}

function getRaw(ctx: RouteContext): SandboxResponse {
  const path = filePath(ctx, true);
  const p = declareParams(ctx.input, {
    params: [
      { name: "ref", type: "string", notBlank: true },
      { name: "lfs", type: "boolean", default: false },
    ],
  });
  const file = readFile(ctx, p.ref as string | undefined, path);
  return {
    status: 200,
    text: file.content,
    headers: {
      ...file.headers,
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-cache",
    },
  };
}

const auth = { level: "user" } as const;
/** API::Files also lets read_repository (and ai_workflows) tokens read. */
const filesAuth = {
  level: "user",
  extraScopes: [
    { name: "read_repository", methods: ["GET", "HEAD"] },
    { name: "ai_workflows", methods: ["GET", "HEAD"] },
  ],
} as const;

export const repositoryFileRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/projects/:id/repository/tree", auth, handler: listTree },
  {
    method: "GET",
    pattern: "/projects/:id/repository/files/:file_path/raw",
    auth: filesAuth,
    handler: getRaw,
  },
  {
    method: "GET",
    pattern: "/projects/:id/repository/files/:file_path",
    auth: filesAuth,
    handler: getFile,
  },
];
