// Is there a cleanup MR for a flag? Asked only for flags that are stale candidates (fully on for
// longer than allowed), so a large run does not pay one request per flag: the cleanup phase's
// branch (ff-rollout/<flag>-cleanup) in the definition project, or a cleanup run in the history.

import { MergeRequests } from "@gitbeaker/rest";
import type { Config } from "../config.js";
import type { Wired } from "../wiring.js";
import { type FlagFacts, fullyOnSince } from "./checks.js";

const DAY = 86_400_000;

export async function cleanupMrExists(
  ports: Wired,
  config: Config,
  facts: FlagFacts,
): Promise<boolean | undefined> {
  const since = fullyOnSince(facts);
  const staleAfter = facts.staleAfterDays * DAY;
  if (!(since instanceof Date) || facts.now.getTime() - since.getTime() <= staleAfter)
    return undefined;
  if (facts.history.entries.some((e) => e.event.phase === "cleanup")) return true;
  const body = await ports.issuesClient.resource(MergeRequests).all({
    projectId: config.definitionProject,
    sourceBranch: `ff-rollout/${facts.flag}-cleanup`,
    perPage: 1,
    page: 1,
  } as never);
  return Array.isArray(body) && body.length > 0;
}
