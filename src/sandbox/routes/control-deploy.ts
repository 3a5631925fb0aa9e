// POST /__sandbox/deploy/:instance: records a successful deployment of a commit to an
// environment, as a CD job would (deploy.ts), for tests over HTTP and the demo. Body:
// {"project": <id or path>, "environment": "gprd", "sha": "<40 hex>", "user": "<username>",
// "ref": "<branch>"} (user and ref optional). Answers 201 with the deployment as GitLab renders
// it; 404 for an unknown instance, project or commit, 400 for a malformed body.

import { z } from "zod";
import { recordDeployment } from "../deploy.js";
import { deploymentEntity } from "../entities-deploy.js";
import { json } from "../http.js";
import type { ControlRoute } from "./control-route.js";

const DeployBody = z.strictObject({
  project: z.union([z.number().int().positive(), z.string().min(1)]),
  environment: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{40}$/, "a full commit SHA"),
  user: z.string().min(1).optional(),
  ref: z.string().min(1).optional(),
});

export const deployControlRoute: ControlRoute = {
  method: "POST",
  pattern: "/deploy/:instance",
  handler: ({ states, instanceUrl }, params, body) => {
    const state = states.get(params.instance ?? "");
    if (!state) return json(404, { error: `no instance "${params.instance}"` });
    const parsed = DeployBody.safeParse(body);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      return json(400, { error: why.join("; ") });
    }
    const { project: ref, environment, sha, user } = parsed.data;
    const project = state.projectByRef(String(ref));
    if (!project) return json(404, { error: `no project ${ref}` });
    if (!state.repository(project.id).commits.has(sha)) {
      return json(404, { error: `no commit ${sha} in ${project.pathWithNamespace}` });
    }
    const deployment = recordDeployment(state, project.id, environment, sha, {
      ...(user === undefined ? {} : { user }),
      ...(parsed.data.ref === undefined ? {} : { ref: parsed.data.ref }),
    });
    return json(201, deploymentEntity(state, deployment, instanceUrl(state.name)));
  },
};
