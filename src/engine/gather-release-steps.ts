// What the release steps read once the default-enabled MR is in the milestone's release: the
// rollout issue (its labels and state), the milestones it may take (the next one is the active
// milestone that starts after the release's), the feature issue's state, the separate cleanup
// issue (found by its title, as cleanup finds it) and the rollout issue's related issues.

import type { Issue, Milestone } from "../gitlab/issues.js";
import { featureIssueRef } from "./gather-feature-issue.js";
import type { Ports } from "./ports.js";
import { cleanupIssueTitle, type ReleaseStepsFacts } from "./release-facts.js";
import type { DefinitionLookup } from "./release-port.js";

export async function gatherReleaseSteps(
  ports: Ports,
  issue: Issue | undefined,
  definition: DefinitionLookup,
  releaseMilestone: string,
): Promise<ReleaseStepsFacts> {
  const { config } = ports;
  const project = config.rolloutIssue.project;
  const [rolloutIssue, active, byTitle, featureRef, cleanupIssue, linked] = await Promise.all([
    ports.lifecycle.summary(config.rolloutIssue),
    ports.issues.listMilestones(project, { state: "active" }),
    // Any state: the release's milestone may be closed once it shipped.
    ports.issues.listMilestones(project, { title: releaseMilestone }),
    featureIssueRef(ports, issue, definition),
    ports.lifecycle.findByTitle(project, cleanupIssueTitle(config.flag), config.flag),
    ports.issues.listLinks(config.rolloutIssue),
  ]);
  const featureIssue = featureRef ? await ports.lifecycle.summary(featureRef) : undefined;
  const current = issue?.milestone;
  const rolloutMilestone: Milestone | undefined = current
    ? {
        id: current.id,
        title: current.title,
        state: active.some((m) => m.id === current.id) ? "active" : "closed",
        startDate: current.startDate ?? null,
        dueDate: current.dueDate,
      }
    : undefined;
  return {
    rolloutIssue,
    rolloutMilestone,
    releaseMilestone: byTitle.find((m) => m.title === releaseMilestone),
    active,
    ...(featureIssue ? { featureIssue } : {}),
    ...(cleanupIssue ? { cleanupIssue } : {}),
    linked,
  };
}
