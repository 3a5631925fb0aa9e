// cleanup: removing the flag, in two steps one job runs in order. First the cleanup MR: the
// definition deleted, and the code that still reads the flag listed for a person to remove
// (code search). Then, once that MR is merged and deployed to production, the flag deleted on
// every instance (`/chatops run feature delete <flag> --dev --staging ... --production`), and the
// feature, cleanup and rollout issues closed (cleanup-finish.ts). Re-runs change nothing.

import { notNow } from "../engine/refusal.js";
import { type CleanupFacts, OPENED_MR_NAME } from "../engine/release-facts.js";
import type { IssueAction, Phase, Plan, RolloutState } from "../engine/types.js";
import { describeState } from "../flags/gates.js";
import { isFullyOn } from "../flags/types.js";
import { emptyVerdicts, flagOf, plural, tier, type Verdicts, verified } from "./checks.js";
import { cleanupChecklists, finishCleanup } from "./cleanup-finish.js";
import { cleanupIssueAction } from "./cleanup-issue.js";
import { codeReferences, definitionDeletes } from "./cleanup-references.js";
import { cleanupText } from "./mr-text.js";
import { definitionMissing } from "./release-verdicts.js";

export const cleanup: Phase = {
  name: "cleanup",
  title: "Remove the flag",
  needs: (config) => ({ environments: config.environments, cleanup: true }),
  plan(state: RolloutState): Plan {
    const facts = state.cleanup!;
    if (facts.mergeRequest) return finishCleanup(state, facts, facts.mergeRequest);
    return openCleanup(state, facts);
  },
};

/** Step one: the cleanup MR, and the cleanup issue when configured. */
function openCleanup(state: RolloutState, facts: CleanupFacts): Plan {
  const { config } = state;
  const v = emptyVerdicts();
  const issueActions: IssueAction[] = [];
  productionOn(state, v);
  let summary = `no definition of \`${config.flag}\` to remove`;
  if (!facts.definition.found) {
    definitionMissing(state, facts.definition, v);
  } else {
    const definition = facts.definition.definition;
    const deletes = definitionDeletes(definition, facts, config.flag);
    const deleted = deletes.map((d) => d.path);
    const references = codeReferences(facts, deleted);
    v.checks.push({ name: "definition", ok: true, detail: `delete ${deleted.join(", ")}` });
    v.checks.push({
      name: "code references",
      ok: true,
      detail:
        references.length === 0
          ? "the code search found none"
          : `${plural(references.length, "file")} still read the flag; listed in the MR for a person to remove`,
    });
    const text = cleanupText(state, deleted, references, definition.ref);
    issueActions.push({
      kind: "open-merge-request",
      what: OPENED_MR_NAME.cleanup,
      change: {
        project: config.definitionProject,
        sourceBranch: facts.branch,
        targetBranch: definition.ref,
        title: text.title,
        description: text.description,
        commitMessage: text.commitMessage,
        actions: deletes,
        labels: ["feature flag"],
      },
    });
    v.facts.push(verified("cleanup-mr"));
    summary = `open the cleanup merge request of \`${config.flag}\` (deletes ${deleted.join(", ")}; ${plural(references.length, "file")} to clean up by hand)`;
  }
  const issue = cleanupIssueAction(state, facts, undefined);
  if (issue) issueActions.push(issue);
  return {
    phase: "cleanup",
    flag: config.flag,
    summary,
    checks: v.checks,
    refusals: v.refusals,
    actions: [],
    issueActions,
    facts: v.facts,
    checklists: cleanupChecklists(facts),
  };
}

/**
 * Removing the flag makes the code behave as if it were on for everyone, so the MR is opened only
 * once it is (the global phase). A feature that is dropped instead: --force --reason.
 */
function productionOn(state: RolloutState, v: Verdicts): void {
  const off = tier(state, "production").filter((e) => !isFullyOn(flagOf(state, e)));
  const ok = off.length === 0;
  v.checks.push({
    name: "on for everyone",
    ok,
    detail: ok
      ? "the flag is fully on in production"
      : off.map((e) => `${e.name}: ${describeState(flagOf(state, e))}`).join(", "),
  });
  if (!ok) {
    // "not now": --force is the way to remove a flag whose feature is being dropped.
    v.refusals.push(
      notNow(
        `\`${state.config.flag}\` is not fully on in production (${off.map((e) => `${e.name}: ${describeState(flagOf(state, e))}`).join(", ")}); removing it would switch the feature on for everyone. Run the global phase first, or pass --force --reason "..." if the feature is being dropped`,
      ),
    );
  }
}
