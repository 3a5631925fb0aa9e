// Verdicts the release and cleanup phases share: a missing definition, and the release check of
// a merged MR (a fact when it is in the release; a waiting check when not yet: a release comes
// on its own schedule, so it holds nothing up, but it is not a pass either).

import { never } from "../engine/refusal.js";
import type { ReleaseCheckFacts } from "../engine/release-facts.js";
import type { DefinitionLookup, MergeRequestState } from "../engine/release-port.js";
import type { RolloutState } from "../engine/types.js";
import { short, type Verdicts, verified } from "./checks.js";

export function definitionMissing(
  state: RolloutState,
  lookup: Extract<DefinitionLookup, { found: false }>,
  v: Verdicts,
): void {
  const detail =
    "searched" in lookup
      ? `no definition of \`${state.config.flag}\` in ${state.config.definitionProject}; searched ${lookup.searched.join(", ")}. Check the flag's name and definition_project`
      : `${lookup.path} is not a valid definition: ${lookup.problems.join("; ")}`;
  v.checks.push({ name: "definition", ok: false, detail });
  // The flag is unknown (or its definition broken): nothing to release. "never".
  v.refusals.push(never(`definition: ${detail}`));
}

/** "v19.6.0-ee", "19-6-stable-ee" or "not yet", for checks, notes and `release-check`. */
export function describeInclusion(facts: ReleaseCheckFacts, commit: string | null): string {
  if ("skipped" in facts) return `not checked: ${facts.skipped}`;
  const { inclusion, milestone } = facts;
  if (inclusion.included) {
    return inclusion.ref.type === "tag"
      ? `in the ${milestone} release: tag ${inclusion.ref.name} contains ${short(commit)}`
      : `in the ${milestone} release: stable branch ${inclusion.ref.name} contains ${short(commit)} (not tagged yet)`;
  }
  return `not yet in the ${milestone} release: neither a ${inclusion.searched[0]} tag nor the ${inclusion.searched[1]} branch contains ${short(commit)}`;
}

export function releaseCheck(
  facts: ReleaseCheckFacts | undefined,
  mr: MergeRequestState,
  v: Verdicts,
): void {
  if (!facts) return;
  const detail = describeInclusion(facts, mr.commit);
  if ("inclusion" in facts && facts.inclusion.included) {
    v.checks.push({ name: "release check", ok: true, detail });
    v.facts.push(verified("release-included"));
  } else if ("inclusion" in facts) {
    v.checks.push({
      name: "release check",
      ok: false,
      waiting: true,
      detail: `waiting: ${detail}`,
    });
  } else {
    // Not asked (no milestone known): neither an answer nor a wait.
    v.checks.push({ name: "release check", ok: true, detail });
  }
}
