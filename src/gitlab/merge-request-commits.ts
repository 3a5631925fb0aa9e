// The commits of a merge request (GET /projects/:id/merge_requests/:iid/commits,
// lib/api/merge_requests.rb): its latest diff's commits, newest first, paginated. What the
// changelog check reads: GitLab's changelog generator takes its entries from commit trailers.

import { MergeRequests } from "@gitbeaker/rest";
import { z } from "zod";
import type { CommitMessage } from "../engine/release-port.js";
import { allPages } from "./all-pages.js";
import type { GitLabClient } from "./client.js";
import { parseAnswer } from "./parse-answer.js";

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
  const path = `projects/${encodeURIComponent(project)}/merge_requests/${iid}/commits`;
  const parsed = parseAnswer(client, commits, all, "GET", path);
  return parsed.map((c) => ({ sha: c.id, message: c.message }));
}
