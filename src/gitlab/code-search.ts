// Code search for a flag's references (GET /projects/:id/search?scope=blobs, lib/api/search.rb),
// on the project's default branch, every page. GitLab's basic search is git grep underneath:
// fixed text, any case, a chunk of lines around each hit.

import { Search } from "@gitbeaker/rest";
import { z } from "zod";
import type { CodeMatch } from "../engine/release-port.js";
import type { GitLabClient } from "./client.js";

const blob = z.looseObject({
  // `path` is the full path; older GitLab versions send only `filename` (the full path too).
  path: z.string().optional(),
  filename: z.string(),
  startline: z.number(),
  data: z.string(),
});

export async function searchCode(
  client: GitLabClient,
  project: string,
  text: string,
): Promise<CodeMatch[]> {
  const body = await client
    .resource(Search)
    .all("blobs", text, { projectId: project, perPage: 100 } as never);
  return z
    .array(blob)
    .parse(body)
    .map((b) => ({ path: b.path ?? b.filename, startline: b.startline, data: b.data }));
}
