// Is a commit deployed to an environment? What `/chatops run auto_deploy status <sha>` answers:
// take the environment's latest successful deployment and ask whether the commit is an ancestor
// of (or equal to) the deployed one: merge_base(commit, deployed) == commit.

import { Deployments, Repositories } from "@gitbeaker/rest";
import { z } from "zod";
import type { DeploymentCheck } from "../engine/release-port.js";
import type { GitLabClient } from "./client.js";
import { orAbsent } from "./not-found.js";

const deployment = z.looseObject({
  sha: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable().optional(),
});
const commit = z.looseObject({ id: z.string() });

/** An environment's latest successful deployment, or undefined when it has none. */
export type LatestDeployment = z.infer<typeof deployment> | undefined;

/**
 * Reads an environment's latest successful deployment. It does not depend on the commit asked
 * about, so the release chain starts it with its first reads (gather-release.ts).
 */
export async function latestDeployment(
  client: GitLabClient,
  project: string,
  environment: string,
): Promise<LatestDeployment> {
  // GitLab sorts deployments ascending by default (lib/api/deployments.rb): ask for the newest.
  const body = await client.resource(Deployments).all(project, {
    environment,
    status: "success",
    orderBy: "id",
    sort: "desc",
    perPage: 1,
    page: 1,
  } as never);
  return z.array(deployment).parse(body)[0];
}

export async function checkDeployments(
  client: GitLabClient,
  project: string,
  sha: string,
  environments: string[],
  /** Each environment's latest deployment, read (or being read) already. */
  latest: (environment: string) => Promise<LatestDeployment> = (environment) =>
    latestDeployment(client, project, environment),
): Promise<DeploymentCheck[]> {
  // Two environments that deployed the same commit ask the same merge_base: ask it once.
  const bases = new Map<string, Promise<unknown>>();
  const mergeBase = (deployed: string) => {
    let base = bases.get(deployed);
    if (!base) {
      // 404 when the two share no history: then it is surely not deployed.
      base = orAbsent(client.resource(Repositories).mergeBase(project, [sha, deployed]));
      bases.set(deployed, base);
    }
    return base;
  };
  return Promise.all(
    environments.map(async (environment) =>
      checkOne(sha, environment, await latest(environment), mergeBase),
    ),
  );
}

async function checkOne(
  sha: string,
  environment: string,
  latest: LatestDeployment,
  mergeBase: (deployed: string) => Promise<unknown>,
): Promise<DeploymentCheck> {
  if (!latest) return { environment, status: "none" };
  const at = latest.finished_at ?? latest.created_at;
  if (latest.sha === sha)
    return { environment, status: "deployed", deployedSha: latest.sha, deployedAt: at };
  const base = await mergeBase(latest.sha);
  const contained = base !== undefined && commit.parse(base).id === sha;
  return {
    environment,
    status: contained ? "deployed" : "not-yet",
    deployedSha: latest.sha,
    deployedAt: at,
  };
}
