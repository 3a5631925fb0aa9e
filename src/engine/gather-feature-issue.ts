// Which issue is the feature issue, and its notes (to comment on it once). In order: the config's
// feature_issue, the rollout issue's `[main-issue]: <url>` reference link (GitLab's template
// carries one), the definition's feature_issue_url.

import { type IssueRef, parseIssueRef } from "../config/issue-ref.js";
import type { Issue, Note } from "../gitlab/issues.js";
import type { Ports } from "./ports.js";
import type { DefinitionLookup } from "./release-port.js";
import type { RolloutState } from "./types.js";

const MAIN_ISSUE = /^\[main-issue\]:\s*<?(\S+?)>?\s*$/m;

export async function gatherFeatureIssue(
  ports: Ports,
  rolloutIssue: Issue | undefined,
  definition: DefinitionLookup | undefined,
  /** The configured feature issue's notes, read alongside the rollout issue (gather.ts). */
  configuredNotes?: Promise<Note[]>,
): Promise<RolloutState["featureIssue"]> {
  if (ports.config.featureIssue && configuredNotes)
    return { ref: ports.config.featureIssue, notes: await configuredNotes };
  const ref = await featureIssueRef(ports, rolloutIssue, definition);
  if (!ref) {
    return {
      missing:
        "no feature issue known: set feature_issue in the config, feature_issue_url in the definition, or a [main-issue] link in the rollout issue",
    };
  }
  return { ref, notes: await ports.issues.listNotes(ref) };
}

/** Which issue is the feature issue, or undefined when nothing says. */
export async function featureIssueRef(
  ports: Ports,
  rolloutIssue: Issue | undefined,
  definition: DefinitionLookup | undefined,
): Promise<IssueRef | undefined> {
  const { config } = ports;
  let ref = config.featureIssue ?? fromText(rolloutIssue?.description, config.issues.url);
  if (!ref) {
    const lookup =
      definition ?? (await ports.release.findDefinition(config.definitionProject, config.flag));
    const url = lookup.found ? lookup.definition.featureIssueUrl : null;
    if (url) {
      const parsed = parseIssueRef(url, config.issues.url);
      if (!("error" in parsed)) ref = parsed;
    }
  }
  return ref;
}

function fromText(description: string | undefined, issuesUrl: string): IssueRef | undefined {
  const match = description ? MAIN_ISSUE.exec(description) : null;
  if (!match) return undefined;
  const parsed = parseIssueRef(match[1]!, issuesUrl);
  return "error" in parsed ? undefined : parsed;
}
