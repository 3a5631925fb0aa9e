// Which flags `readiness --all` covers besides those of the open rollout issues. A rollout issue
// can be closed while its flag still exists: `release` closes it once a cleanup issue tracks the
// removal, and the flag stays on every instance until `cleanup` deletes it; a person may close
// one by hand too. Such a flag still needs its daily rollback proof, against its rollout issue's
// history (the cleanup issue has none).
//
// Why the flag's definition and the instances, not the closed issues or their notes: every
// instance already told this run which flags it still has (GET /features) and what each
// definition names as its rollout issue (GET /features/definitions, rollout_issue_url, which
// GitLab's process requires). So a closed issue is read only for a flag that still exists and
// that no open issue covered: a deleted flag costs nothing, ever, and the quiet-day cost does
// not grow with the years of closed rollout issues. Reading every closed issue would; reading
// only "recently closed" ones would drop a flag left on for longer. Nothing in a note decides
// coverage: a note (forged or not) saying the flag was deleted cannot hide a flag an instance
// still has.
//
// The open cleanup issue release opens carries the rollout issue's labels, so the open read
// finds it too. It is not a rollout issue: its flag is checked through the rollout issue when
// the definition names it, and through the cleanup issue (as before) only when nothing else
// covers the flag.

import { parseIssueRef } from "../config/issue-ref.js";
import { cleanupIssueTitle } from "../engine/release-facts.js";
import type { Scope } from "../gitlab/graphql-issues.js";
import type { InstanceProbe } from "./instances.js";
import type { Target } from "./scope.js";

/** The open cleanup issue of its flag (the title this tool gives it), not a rollout issue. */
export function isCleanupIssue(target: Target): boolean {
  return target.flag !== undefined && target.issue.title.trim() === cleanupIssueTitle(target.flag);
}

/**
 * An open issue is not a flag's rollout issue when the flag's definition names another one.
 * Anyone who may open a labelled issue could title it with a flag's name; checked through it, the
 * flag would be judged on an empty history and its real rollout issue never read. Such an issue
 * covers nothing, so the issue the definition names is read (coverage below) instead.
 */
export function namesAnotherIssue(
  target: Target,
  probes: InstanceProbe[],
  issuesUrl: string,
): string | undefined {
  if (!target.flag) return undefined;
  const url = definedRolloutIssue(probes, target.flag);
  if (!url) return undefined;
  const ref = parseIssueRef(url, issuesUrl);
  // A definition naming an issue elsewhere (or unparsable) says nothing about this one.
  if ("error" in ref) return undefined;
  const own = target.issue.ref;
  const same = ref.project.toLowerCase() === own.project.toLowerCase() && ref.iid === own.iid;
  return same ? undefined : url;
}

/** The rollout issue a flag's definition names; production's definitions are asked first. */
function definedRolloutIssue(probes: InstanceProbe[], flag: string): string | undefined {
  return byTier(probes)
    .map((p) => p.rolloutIssues?.get(flag))
    .find((u) => u !== undefined);
}

function byTier(probes: InstanceProbe[]): InstanceProbe[] {
  return [
    ...probes.filter((p) => p.environment.tier === "production"),
    ...probes.filter((p) => p.environment.tier !== "production"),
  ];
}

/** Project path -> iid -> the flags whose definitions name that issue. */
export type ClosedRollouts = Map<string, Map<number, string[]>>;

/**
 * The rollout issues still to read: for each flag an instance still has that no open rollout
 * issue covered, the issue its definition names, when that issue is on the issues instance and
 * in the readiness scope. Production's definitions are asked first (what runs there decides).
 */
export function closedRolloutIssues(
  probes: InstanceProbe[],
  covered: ReadonlySet<string>,
  scope: Scope,
  issuesUrl: string,
): ClosedRollouts {
  const ordered = byTier(probes);
  const existing = new Set<string>();
  for (const probe of ordered)
    for (const [name, state] of probe.flags ?? []) if (state.exists) existing.add(name);
  const found: ClosedRollouts = new Map();
  for (const flag of existing) {
    if (covered.has(flag)) continue;
    const url = definedRolloutIssue(ordered, flag);
    if (!url) continue;
    const ref = parseIssueRef(url, issuesUrl);
    if ("error" in ref || !inScope(ref.project, scope)) continue;
    const iids = found.get(ref.project) ?? new Map<number, string[]>();
    iids.set(ref.iid, [...(iids.get(ref.iid) ?? []), flag]);
    found.set(ref.project, iids);
  }
  return found;
}

/** GitLab's paths are case-insensitive; a group scope takes its subgroups' projects too. */
function inScope(project: string, scope: Scope): boolean {
  const path = project.toLowerCase();
  if ("project" in scope) return path === scope.project.toLowerCase();
  return path.startsWith(`${scope.group.toLowerCase()}/`);
}
