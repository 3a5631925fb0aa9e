// release (optional): a merge request in the definition project that sets `default_enabled: true`
// in the flag's YAML definition, every other byte kept, for flag types GitLab allows to ship on by
// default. Its open (or merged) MR is reported on a re-run instead of opening another; once
// merged, the release check says whether it made the milestone's release, and once it has, the
// template's release steps follow (release-steps.ts).

import type { Fact } from "../engine/facts.js";
import { never, notNow } from "../engine/refusal.js";
import { type DefaultEnabledFacts, OPENED_MR_NAME } from "../engine/release-facts.js";
import type { FlagDefinition } from "../engine/release-port.js";
import type { IssueAction, Phase, Plan, RolloutState } from "../engine/types.js";
import { describeState } from "../flags/gates.js";
import { isFullyOn } from "../flags/types.js";
import { setDefaultEnabled } from "../gitlab/definition-edit.js";
import { changelogCheck } from "./changelog.js";
import { emptyVerdicts, flagOf, tier, type Verdicts, verified } from "./checks.js";
import { defaultEnabledRefusal } from "./flag-types.js";
import { soakedOneDay } from "./fully-on.js";
import { defaultEnabledText } from "./mr-text.js";
import { releaseSteps } from "./release-steps.js";
import { definitionMissing, releaseCheck } from "./release-verdicts.js";

export const release: Phase = {
  name: "release",
  title: "Ship the flag enabled by default",
  needs: (config) => ({
    environments: config.environments.filter((e) => e.tier === "production"),
    featureIssue: true,
    defaultEnabled: true,
  }),
  plan(state: RolloutState): Plan {
    const { config } = state;
    const v = emptyVerdicts();
    const facts = state.defaultEnabled!;
    const issueActions: IssueAction[] = [];
    let summary = "";
    for (const e of tier(state, "production")) {
      v.checks.push({ name: `${e.name} now`, ok: true, detail: describeState(flagOf(state, e)) });
    }
    const mr = facts.mergeRequest;
    const soaked = soakedOneDay(state);
    // A type GitLab keeps off by default is refused as "never" (openMergeRequest): no wait then.
    const opening =
      facts.definition.found &&
      !mr &&
      !facts.definition.definition.defaultEnabled &&
      defaultEnabledRefusal(facts.definition.definition.type) === undefined;
    // The template's "wait at least one day" comes before the release: enforced where the release
    // starts (opening the MR), so its box is ticked only for a wait that was kept.
    v.checks.push({ name: "a day fully on", ok: soaked.ok || !opening, detail: soaked.detail });
    if (soaked.ok) v.facts.push(verified("soaked-one-day"));
    else if (opening && isFullyOnEverywhere(state)) {
      v.refusals.push(
        notNow(
          `\`${config.flag}\` is ${soaked.detail}. Play release again once a day has passed, or pass --force --reason "..." to release it sooner`,
        ),
      );
    }

    if (!facts.definition.found) {
      definitionMissing(state, facts.definition, v);
      summary = `no definition of \`${config.flag}\` to change`;
    } else if (mr) {
      const merged = mr.state === "merged";
      v.checks.push({
        name: "merge request",
        ok: true,
        detail: merged
          ? `${mr.url} is merged into ${mr.targetBranch}`
          : `${mr.url} is open; review and merge it`,
      });
      v.facts.push(verified("default-enabled-mr"));
      releaseCheck(facts.release, mr, v);
      changelogCheck("the default-enabled merge request", facts.commits, v);
      const steps = releaseSteps(state, facts, mr, v);
      issueActions.push(...steps);
      summary = !facts.steps
        ? `the default-enabled merge request of \`${config.flag}\` is ${merged ? "merged" : "open"}: ${mr.url}`
        : steps.length > 0
          ? `\`${config.flag}\` ships enabled by default in ${facts.milestone} (${mr.url}): the release steps`
          : `\`${config.flag}\` ships enabled by default in ${facts.milestone} (${mr.url}); the release steps are done`;
    } else if (facts.definition.definition.defaultEnabled) {
      const { path } = facts.definition.definition;
      v.checks.push({
        name: "definition",
        ok: true,
        detail: `${path} already has default_enabled: true`,
      });
      v.facts.push(verified("default-enabled-mr"));
      summary = `\`${config.flag}\` is already enabled by default in ${path}`;
    } else {
      const action = openMergeRequest(state, facts, facts.definition.definition, v);
      if (action) issueActions.push(action);
      summary = `open a merge request that sets default_enabled: true for \`${config.flag}\` in ${facts.definition.definition.path}`;
    }
    return {
      phase: "release",
      flag: config.flag,
      summary,
      checks: v.checks,
      refusals: v.refusals,
      actions: [],
      issueActions,
      facts: v.facts as Fact[],
    };
  },
};

function openMergeRequest(
  state: RolloutState,
  facts: DefaultEnabledFacts,
  definition: FlagDefinition,
  v: Verdicts,
): IssueAction | undefined {
  const refusal = defaultEnabledRefusal(definition.type);
  v.checks.push({
    name: "flag type",
    ok: refusal === undefined,
    detail:
      refusal === undefined ? `${definition.type} may be enabled by default` : definition.type,
  });
  // GitLab's definition check rejects default_enabled: true for this type
  // (lib/feature/definition.rb, can_be_default_enabled): the MR could never pass. "never".
  if (refusal)
    v.refusals.push(never(`\`${state.config.flag}\` is a ${definition.type} flag: ${refusal}`));
  fullyOnInProduction(state, v);
  const edit = setDefaultEnabled(definition.content);
  if (!edit.ok) {
    v.refusals.push(never(`cannot change ${definition.path}: ${edit.problem}`));
    return undefined;
  }
  v.checks.push({
    name: "definition",
    ok: true,
    detail: `${definition.path}: default_enabled false -> true, nothing else changes`,
  });
  v.facts.push(verified("default-enabled-mr"));
  const text = defaultEnabledText(state, definition.path, definition.ref, facts.milestone);
  return {
    kind: "open-merge-request",
    what: OPENED_MR_NAME.release,
    change: {
      project: state.config.definitionProject,
      sourceBranch: facts.branch,
      targetBranch: definition.ref,
      title: text.title,
      description: text.description,
      commitMessage: text.commitMessage,
      actions: [
        {
          action: "update",
          path: definition.path,
          content: edit.text,
          lastCommitId: definition.lastCommitId,
        },
      ],
      labels: ["feature flag"],
      ...(facts.milestoneId !== undefined ? { milestoneId: facts.milestoneId } : {}),
    },
  };
}

/** Not fully on is refused as "never" on its own (fullyOnInProduction); the day is "not now". */
function isFullyOnEverywhere(state: RolloutState): boolean {
  return tier(state, "production").every((e) => isFullyOn(flagOf(state, e)));
}

/**
 * Shipping a flag on by default that is not on for everyone in production would switch it on
 * for everyone through a release nobody watched: the flag is not in the state the action needs.
 * "never" (until global has run).
 */
function fullyOnInProduction(state: RolloutState, v: Verdicts): void {
  const off = tier(state, "production").filter((e) => !isFullyOn(flagOf(state, e)));
  v.checks.push({
    name: "on for everyone",
    ok: off.length === 0,
    detail:
      off.length === 0
        ? "the flag is fully on in production"
        : off.map((e) => `${e.name}: ${describeState(flagOf(state, e))}`).join(", "),
  });
  if (off.length > 0) {
    v.refusals.push(
      never(
        `\`${state.config.flag}\` is not fully on in production (${off.map((e) => `${e.name}: ${describeState(flagOf(state, e))}`).join(", ")}); a default-enabled release would switch it on for everyone. Run the global phase first`,
      ),
    );
  }
}
