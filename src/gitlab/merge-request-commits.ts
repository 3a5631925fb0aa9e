// The commits of a merge request (GET /projects/:id/merge_requests/:iid/commits,
// lib/api/merge_requests.rb): its latest diff's commits, newest first, paginated. What the
// changelog check reads: GitLab's changelog generator takes its entries from commit trailers.

import { MergeRequests } from "@gitbeaker/rest";
import { z } from "zod";
import type { CommitMessage } from "../engine/release-port.js";
import { GitLabError } from "../errors.js";
import { allPages } from "./all-pages.js";
import type { GitLabClient } from "./client.js";

const commits = z.array(z.looseObject({ id: z.string(), message: z.string() }));

export async function mergeRequestCommits(
  client: GitLabClient,
  project: string,
  iid: number,
): Promise<CommitMessage[]> {
  const all = await allPages(async (page) => {
    const { data, paginationInfo } = await client
      .resource(MergeRequests)
      .allCommits(project, iid, { perPage: 100, page, showExpanded: true });
    return { data, totalPages: paginationInfo.totalPages, next: paginationInfo.next };
  });
  const parsed = commits.safeParse(all);
  if (!parsed.success) {
    const path = `projects/${encodeURIComponent(project)}/merge_requests/${iid}/commits`;
    throw new GitLabError(
      `GET ${path} on "${client.name}" answered in a shape we do not understand (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}).`,
      "invalid-response",
      { instance: client.name, method: "GET", path },
    );
  }
  return parsed.data.map((c) => ({ sha: c.id, message: c.message }));
}
