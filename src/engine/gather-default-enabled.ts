// What the release phase reads: the flag's definition (its bytes, to edit), the MR from our
// default-enabled branch if there is one, and, once that MR is merged, whether it is in the
// release of the milestone (release-check.ts). Also the release check both phases share.

import type { Config } from "../config.js";
import type { Issue } from "../gitlab/issues.js";
import type { Ports } from "./ports.js";
import type { DefaultEnabledFacts, ReleaseCheckFacts } from "./release-facts.js";
import { defaultEnabledBranch } from "./release-facts.js";
import type { MergeRequestState } from "./release-port.js";
import { releaseRefs } from "./release-refs.js";

export async function gatherDefaultEnabled(
  ports: Ports,
  rolloutIssue: Promise<Issue> | undefined,
): Promise<DefaultEnabledFacts> {
  const { config } = ports;
  const branch = defaultEnabledBranch(config.flag);
  const [definition, mergeRequest, issue] = await Promise.all([
    ports.release.findDefinition(config.definitionProject, config.flag),
    ports.release.mergeRequestFromBranch(config.definitionProject, branch),
    rolloutIssue,
  ]);
  const milestone = milestoneOf(config, issue);
  const release = await checkRelease(ports, mergeRequest, milestone);
  return {
    definition,
    branch,
    ...(mergeRequest ? { mergeRequest } : {}),
    ...(release ? { release } : {}),
    ...(milestone ? { milestone } : {}),
  };
}

/** The milestone the change ships in: the config's, else the rollout issue's. */
export function milestoneOf(config: Config, issue: Issue | undefined): string | undefined {
  return config.milestone ?? issue?.milestone?.title;
}

/** Asked only for a merged MR: an open one cannot be in a release. */
export async function checkRelease(
  ports: Ports,
  mergeRequest: MergeRequestState | undefined,
  milestone: string | undefined,
): Promise<ReleaseCheckFacts | undefined> {
  if (mergeRequest?.state !== "merged" || !mergeRequest.commit) return undefined;
  if (!milestone) {
    return {
      skipped:
        "no milestone to check: set milestone: in the config, or a milestone on the rollout issue",
    };
  }
  const { release } = ports.config;
  const refs = releaseRefs(milestone, {
    tag: release.tagPattern,
    stableBranch: release.stableBranchPattern,
  });
  if (!refs) return { skipped: `milestone "${milestone}" is not a version such as 19.6` };
  const inclusion = await ports.release.releaseInclusion(
    mergeRequest.project,
    mergeRequest.commit,
    refs,
  );
  return { milestone: refs.milestone, inclusion };
}
