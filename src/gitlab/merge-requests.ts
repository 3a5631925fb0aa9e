// The merge request behind a flag (the definition's introduced_by_url): is it merged into its
// project's default branch, and which commit carries it.

import { MergeRequests } from "@gitbeaker/rest";
import { z } from "zod";
import type { MergeRequestState } from "../engine/release-port.js";
import { ConfigError } from "../errors.js";
import type { GitLabClient } from "./client.js";
import type { ProjectCache } from "./projects.js";

const mr = z.looseObject({
  iid: z.number(),
  title: z.string(),
  state: z.string(),
  target_branch: z.string(),
  merged_at: z.string().nullable().optional(),
  merge_commit_sha: z.string().nullable().optional(),
  squash_commit_sha: z.string().nullable().optional(),
  sha: z.string().nullable().optional(),
  web_url: z.string(),
  milestone: z.looseObject({ title: z.string() }).nullable().optional(),
});

/** `https://host[/root]/group/project/-/merge_requests/123` on the given instance. */
export function parseMergeRequestUrl(
  url: string,
  instanceUrl: string,
): { project: string; iid: number } | undefined {
  const base = instanceUrl.replace(/\/+$/, "");
  if (!url.startsWith(`${base}/`)) return undefined;
  const match = /^(.+?)\/-\/merge_requests\/(\d+)\/?(?:[#?].*)?$/.exec(url.slice(base.length + 1));
  return match ? { project: decodeURIComponent(match[1]!), iid: Number(match[2]) } : undefined;
}

export async function readMergeRequest(
  client: GitLabClient,
  projects: ProjectCache,
  url: string,
): Promise<MergeRequestState> {
  const where = parseMergeRequestUrl(url, client.url);
  if (!where) {
    throw new ConfigError([
      {
        path: "definition introduced_by_url",
        message: `${JSON.stringify(url)} is not a merge request on the issues instance (${client.url}); fix the definition, or point issues.url at the instance that holds the code`,
      },
    ]);
  }
  const [body, project] = await Promise.all([
    client.resource(MergeRequests).show(where.project, where.iid),
    projects.get(where.project),
  ]);
  return toMergeRequestState(body, where.project, project.defaultBranch);
}

/** An MR as GitLab renders it, checked and reduced to what the phases use. */
export function toMergeRequestState(
  body: unknown,
  project: string,
  defaultBranch: string,
): MergeRequestState {
  const m = mr.parse(body);
  // A fast-forward merge has no merge commit and no squash commit: the MR's head is on the branch.
  const commit =
    m.state === "merged" ? (m.merge_commit_sha ?? m.squash_commit_sha ?? m.sha ?? null) : null;
  return {
    url: m.web_url,
    project,
    iid: m.iid,
    title: m.title,
    state: m.state,
    targetBranch: m.target_branch,
    defaultBranch,
    mergedAt: m.merged_at ?? null,
    commit,
    milestone: m.milestone?.title ?? null,
  };
}
