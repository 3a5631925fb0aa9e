// What the release phase reads: the flag's definition (its bytes, to edit), the MR from our
// default-enabled branch if there is one, and, once that MR is merged, its commits (the
// changelog trailer) and whether it is in the release of the milestone (release-check.ts); once
// it is, what the template's release steps need (gather-release-steps.ts). Also the release
// check both phases share.

import type { Config } from "../config.js";
import type { Issue } from "../gitlab/issues.js";
import { gatherReleaseSteps } from "./gather-release-steps.js";
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
  // Once the MR exists, its own milestone says which release it ships in: the release steps move
  // the rollout issue on to the next milestone, which must not change the answer.
  const milestone = config.milestone ?? mergeRequest?.milestone ?? issue?.milestone?.title;
  const merged = mergeRequest?.state === "merged" ? mergeRequest : undefined;
  const opening = !mergeRequest && definition.found && !definition.definition.defaultEnabled;
  const [release, commits, milestoneId] = await Promise.all([
    checkRelease(ports, mergeRequest, milestone),
    merged ? ports.release.mergeRequestCommits(merged.project, merged.iid) : undefined,
    opening && milestone
      ? ports.issues.findMilestone(config.definitionProject, milestone).then((m) => m?.id)
      : undefined,
  ]);
  const included = release && "inclusion" in release && release.inclusion.included;
  const steps =
    included && milestone
      ? await gatherReleaseSteps(ports, issue, definition, milestone)
      : undefined;
  return {
    definition,
    branch,
    ...(mergeRequest ? { mergeRequest } : {}),
    ...(release ? { release } : {}),
    ...(milestone ? { milestone } : {}),
    ...(milestoneId !== undefined ? { milestoneId } : {}),
    ...(commits ? { commits } : {}),
    ...(steps ? { steps } : {}),
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
