// What the cleanup phase reads, in its two steps. Before the cleanup MR exists: the definition,
// its sibling files and the flag's references in code (to list in the MR). Once the MR is
// merged: whether its commit is deployed to production and in the milestone's release. Always:
// the rollout, feature and (optional) cleanup issues, to close what is still open.

import type { Issue } from "../gitlab/issues.js";
import { camelCase } from "../phases/cleanup-references.js";
import { checkRelease, milestoneOf } from "./gather-default-enabled.js";
import { gatherFeatureIssue } from "./gather-feature-issue.js";
import type { Ports } from "./ports.js";
import {
  type CleanupFacts,
  type CodeSearch,
  cleanupBranch,
  cleanupIssueTitle,
} from "./release-facts.js";
import type { DefinitionLookup, MergeRequestState, RepositoryFile } from "./release-port.js";
import type { RolloutState } from "./types.js";

export { cleanupIssueTitle } from "./release-facts.js";

export async function gatherCleanup(
  ports: Ports,
  rolloutIssue: Promise<Issue> | undefined,
): Promise<{ cleanup: CleanupFacts; featureIssue: RolloutState["featureIssue"] }> {
  const { config } = ports;
  const project = config.definitionProject;
  const branch = cleanupBranch(config.flag);
  const [current, mergeRequest, rolloutSummary, issue] = await Promise.all([
    ports.release.findDefinition(project, config.flag),
    ports.release.mergeRequestFromBranch(project, branch),
    ports.lifecycle.summary(config.rolloutIssue),
    rolloutIssue,
  ]);
  const merged = mergeRequest?.state === "merged" && mergeRequest.commit ? mergeRequest : undefined;
  // Once the cleanup MR is merged the definition is gone from the default branch; the feature
  // issue's URL is still in it just before the merge.
  const definition =
    !current.found && merged ? await definitionBefore(ports, project, merged, current) : current;
  const milestone = milestoneOf(config, issue);
  const opening = mergeRequest === undefined;
  const [
    extraFiles,
    references,
    remaining,
    deployments,
    release,
    featureIssue,
    cleanupIssue,
    commits,
  ] = await Promise.all([
    opening && definition.found ? siblingFiles(ports, project, definition.definition.path) : [],
    opening ? searchReferences(ports, project, config.flag) : [],
    // Once merged, the default branch is what gets deployed: does anything still read the flag?
    merged ? searchReferences(ports, project, config.flag) : undefined,
    merged && config.deployments
      ? ports.release.deployments(
          config.deployments.project,
          merged.commit!,
          config.deployments.production,
        )
      : undefined,
    checkRelease(ports, mergeRequest, milestone),
    gatherFeatureIssue(ports, issue, definition),
    // Looked for even when we do not create it: a person may track the cleanup in an issue
    // made from GitLab's template, whose list the cleanup then ticks too.
    ports.lifecycle.findByTitle(
      config.rolloutIssue.project,
      cleanupIssueTitle(config.flag),
      config.flag,
    ),
    // GitLab's changelog comes from the merged commits' `Changelog:` trailers.
    merged ? ports.release.mergeRequestCommits(merged.project, merged.iid) : undefined,
  ]);
  const featureSummary =
    featureIssue && "ref" in featureIssue
      ? await ports.lifecycle.summary(featureIssue.ref)
      : undefined;
  return {
    featureIssue,
    cleanup: {
      branch,
      definition,
      ...(mergeRequest ? { mergeRequest } : {}),
      extraFiles,
      references,
      ...(remaining ? { remaining } : {}),
      ...(commits ? { commits } : {}),
      ...(deployments ? { deployments } : {}),
      ...(release ? { release } : {}),
      ...(milestone ? { milestone } : {}),
      rolloutIssue: rolloutSummary,
      ...(featureSummary ? { featureIssue: featureSummary } : {}),
      ...(cleanupIssue ? { cleanupIssue } : {}),
    },
  };
}

async function definitionBefore(
  ports: Ports,
  project: string,
  merged: MergeRequestState,
  current: DefinitionLookup,
): Promise<DefinitionLookup> {
  const parent = await ports.release.firstParent(project, merged.commit!);
  return parent ? ports.release.findDefinition(project, ports.config.flag, parent) : current;
}

/** The housekeeper's patch next to the definition (doc/development/feature_flags): it goes too. */
async function siblingFiles(
  ports: Ports,
  project: string,
  path: string,
): Promise<RepositoryFile[]> {
  const patch = await ports.release.readFile(project, path.replace(/\.yml$/, ".patch"));
  return patch ? [patch] : [];
}

/**
 * The flag by its name, and in JavaScript by its camelCase name (`gon.features.myFlag`: GitLab's
 * push_frontend_feature_flag camelises it). Basic search is git grep, so each is one search.
 */
async function searchReferences(ports: Ports, project: string, flag: string): Promise<CodeSearch> {
  const terms = [...new Set([flag, camelCase(flag)])];
  return Promise.all(
    terms.map(async (term) => ({ term, matches: await ports.release.searchCode(project, term) })),
  );
}
