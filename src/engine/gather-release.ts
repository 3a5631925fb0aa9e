// The definition, the MR that introduced the flag, and where its commit is deployed: what a person
// checks with `/chatops run auto_deploy status <sha>` before each non-production and production
// step. Stops early when a step fails, since later ones depend on it.

import type { Ports } from "./ports.js";
import type { ReleaseFacts } from "./types.js";

export async function gatherRelease(
  ports: Ports,
  tier: ReleaseFacts["tier"],
): Promise<ReleaseFacts> {
  const { config } = ports;
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
