// GitLab's JSON for deployments (lib/api/entities/deployment.rb), their environment
// (environment_basic.rb) and their deployable CI job (ci/job.rb, reduced).

import { userBasic } from "./entities.js";
import type { DeploymentRecord } from "./records-more.js";
import type { InstanceState } from "./state.js";

type Json = Record<string, unknown>;

export function deploymentEntity(
  state: InstanceState,
  deployment: DeploymentRecord,
  instanceUrl: string,
): Json {
  const project = state.projectById(deployment.projectId);
  const webBase = `${instanceUrl}/${project?.pathWithNamespace ?? ""}`;
  const environment = state.environments.find((e) => e.id === deployment.environmentId);
  const user = deployment.userId === null ? undefined : state.userById(deployment.userId);
  const job = deployment.deployable;
  return {
    id: deployment.id,
    iid: deployment.iid,
    ref: deployment.ref,
    sha: deployment.sha,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    finished_at: deployment.finishedAt,
    user: user ? userBasic(user, instanceUrl) : null,
    environment: environment && {
      id: environment.id,
      name: environment.name,
      slug: environment.slug,
      external_url: environment.externalUrl,
      created_at: environment.createdAt,
      updated_at: environment.updatedAt,
      tier: environment.tier,
    },
    deployable: job && {
      id: job.id,
      status: job.status,
      stage: job.stage,
      name: job.name,
      ref: deployment.ref,
      tag: deployment.tag,
      coverage: null,
      allow_failure: false,
      created_at: deployment.createdAt,
      started_at: deployment.createdAt,
      finished_at: deployment.finishedAt,
      user: user ? userBasic(user, instanceUrl) : null,
      pipeline: {
        id: job.pipelineId,
        project_id: deployment.projectId,
        sha: deployment.sha,
        ref: deployment.ref,
        status: job.status,
        source: "push",
        web_url: `${webBase}/-/pipelines/${job.pipelineId}`,
      },
      web_url: `${webBase}/-/jobs/${job.id}`,
      artifacts: [],
      tag_list: [],
    },
    status: deployment.status,
  };
}
