// For tests and the demo: a successful deployment of a commit to an environment, as a CD job
// would record it (GitLab creates deployments from CI jobs with `environment:`; the sandbox has
// no CI, so this stands in). The environment is created on first use, as GitLab does.

import type { DeploymentRecord } from "./records-more.js";
import { environmentSlug, guessTier } from "./seed-state-more.js";
import type { InstanceState } from "./state.js";

export interface DeployOptions {
  /** Username of who deployed (default: none). */
  user?: string;
  /** The deployed ref (default: the project's default branch). */
  ref?: string;
}

export function recordDeployment(
  state: InstanceState,
  project: number | string,
  environment: string,
  sha: string,
  options: DeployOptions = {},
): DeploymentRecord {
  const found = state.projectByRef(String(project));
  if (!found) throw new Error(`No project ${project} on sandbox instance "${state.name}"`);
  if (!state.repository(found.id).commits.has(sha)) {
    throw new Error(`No commit ${sha} in ${found.pathWithNamespace} on "${state.name}"`);
  }
  const at = state.stamp();
  let env = state.environments.find((e) => e.projectId === found.id && e.name === environment);
  if (!env) {
    env = {
      id: state.nextId("environment"),
      projectId: found.id,
      name: environment,
      slug: environmentSlug(environment),
      externalUrl: null,
      tier: guessTier(environment),
      createdAt: at,
      updatedAt: at,
    };
    state.environments.push(env);
  }
  const userId = options.user ? (state.userByUsername(options.user)?.id ?? null) : null;
  const deployment: DeploymentRecord = {
    id: state.nextId("deployment"),
    iid: state.nextIid(state.deployments, found.id),
    projectId: found.id,
    environmentId: env.id,
    ref: options.ref ?? found.defaultBranch,
    sha,
    tag: false,
    status: "success",
    userId,
    deployable: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: at,
  };
  state.deployments.push(deployment);
  return deployment;
}
