// POST /__sandbox/merge/:instance/:project/:iid: merges a merge request the way GitLab's merge
// would (merge.ts), for tests over HTTP and the demo. Body (all optional):
// {"squash": true, "user": "<username>", "merge_commit_message": "...",
//  "squash_commit_message": "..."}. Answers the merged MR as GitLab renders it; 404 for an
// unknown instance or MR, 409 when it cannot be merged (not open, a branch missing).

import { z } from "zod";
import { mergeRequestEntity } from "../entities-mr.js";
import { json } from "../http.js";
import { MergeError } from "../merge.js";
import type { ControlRoute } from "./control-route.js";

const MergeRequestBody = z.strictObject({
  squash: z.boolean().optional(),
  user: z.string().min(1).optional(),
  merge_commit_message: z.string().min(1).optional(),
  squash_commit_message: z.string().min(1).optional(),
});

export const mergeControlRoute: ControlRoute = {
  method: "POST",
  pattern: "/merge/:instance/:project/:iid",
  handler: ({ states, instanceUrl }, params, body) => {
    const state = states.get(params.instance ?? "");
    if (!state) return json(404, { error: `no instance "${params.instance}"` });
    const parsed = MergeRequestBody.safeParse(body);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      return json(400, { error: why.join("; ") });
    }
    const project = state.projectByRef(params.project ?? "");
    const iid = Number(params.iid);
    const mr = state.mergeRequests.find((m) => m.projectId === project?.id && m.iid === iid);
    if (!mr) return json(404, { error: `no merge request ${params.project}!${params.iid}` });
    try {
      state.mergeMergeRequest(mr.projectId, mr.iid, {
        ...(parsed.data.squash === undefined ? {} : { squash: parsed.data.squash }),
        ...(parsed.data.user === undefined ? {} : { user: parsed.data.user }),
        ...(parsed.data.merge_commit_message === undefined
          ? {}
          : { mergeCommitMessage: parsed.data.merge_commit_message }),
        ...(parsed.data.squash_commit_message === undefined
          ? {}
          : { squashCommitMessage: parsed.data.squash_commit_message }),
      });
    } catch (error) {
      if (error instanceof MergeError) return json(409, { error: error.message });
      throw error;
    }
    return json(200, mergeRequestEntity(state, mr, instanceUrl(state.name), true));
  },
};
