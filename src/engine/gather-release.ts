// The definition, the MR that introduced the flag, and where its commit is deployed: what a person
// checks with `/chatops run auto_deploy status <sha>` before each non-production and production
// step. Stops early when a step fails, since later ones depend on it; the deployments, which do
// not, are read from the start: definition (one round trip, two for a flag that is not
// gitlab_com_derisk), then the MR, then merge_base only when a deployed commit is not the MR's.

import type { Ports } from "./ports.js";
import type { ReleaseFacts } from "./types.js";

export async function gatherRelease(
  ports: Ports,
  tier: ReleaseFacts["tier"],
): Promise<ReleaseFacts> {
  const { config } = ports;
  // The deployments are read alongside the definition: they do not depend on it.
  if (config.deployments) {
    ports.release.prefetchDeployments(
      config.deployments.project,
      tier === "production" ? config.deployments.production : config.deployments.nonProduction,
    );
  }
  const definition = await ports.release.findDefinition(config.definitionProject, config.flag);
  if (!definition.found) return { tier, definition };
  const mergeRequest = await ports.release.mergeRequest(definition.definition.introducedByUrl);
  if (!config.deployments || mergeRequest.state !== "merged" || !mergeRequest.commit) {
    return { tier, definition, mergeRequest };
  }
  const environments =
    tier === "production" ? config.deployments.production : config.deployments.nonProduction;
  const deployments = await ports.release.deployments(
    config.deployments.project,
    mergeRequest.commit,
    environments,
  );
  return { tier, definition, mergeRequest, deployments };
}
