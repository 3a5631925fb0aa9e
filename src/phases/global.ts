// global: after the last soak, the flag fully on in production
// (`/chatops run feature set <flag> true`), and the feature issue told so, once.

import type { Config } from "../config.js";
import type { Fact } from "../engine/facts.js";
import { proveSoaksWatched } from "../engine/soak-proof.js";
import type { IssueAction, Phase, PhaseOptions, Plan, RolloutState } from "../engine/types.js";
import { isFullyOn } from "../flags/types.js";
import {
  code,
  hiddenMarker,
  lines,
  md,
  ours,
  type SafeMarkdown,
  url,
} from "../report/safe-markdown.js";
import {
  driftCheck,
  emptyVerdicts,
  flagActions,
  flagOf,
  soakCheck,
  tier,
  type Verdicts,
  verified,
} from "./checks.js";
import { requireRun } from "./history-gates.js";
import { productionGates } from "./production-gates.js";

export const GLOBAL_MARKER = (flag: string) => hiddenMarker("ff-rollout:global", flag);

export const global: Phase = {
  name: "global",
  title: "Enable for everyone on production",
  needs: (config) => ({
    environments: config.environments.filter((e) => e.tier === "production"),
    featureIssue: true,
    productionGates: true,
  }),
  plan(state: RolloutState, options: PhaseOptions): Plan {
    const { config } = state;
    const v = emptyVerdicts();
    const production = tier(state, "production");
    requireRun(state, "prepare", v, "run the prepare phase first");
    driftCheck(state, v);
    const pending = production.some((e) => !isFullyOn(flagOf(state, e)));
    if (pending) soakCheck(state, v);
    const gates = productionGates(state, v, pending);
    const actions = flagActions(state, production, { kind: "on" }, v);
    const issueActions: IssueAction[] = [];
    const feature = state.featureIssue;
    if (feature && "ref" in feature) {
      const marker = GLOBAL_MARKER(config.flag);
      if (!feature.notes.some((n) => n.body.includes(marker))) {
        issueActions.push({
          kind: "comment",
          on: feature.ref,
          marker,
          body: globalComment(config),
        });
      }
      v.facts.push(verified("feature-issue-global"));
    } else {
      v.checks.push({
        name: "feature issue",
        ok: true,
        detail: `not told: ${feature?.missing ?? "unknown"}`,
      });
    }
    watchedCheck(state, options, v);
    const facts: Fact[] = production.flatMap((e) =>
      e.chatops
        ? [{ kind: "flag-boolean", flag: config.flag, instance: e.chatops, value: true } as const]
        : [],
    );
    return {
      phase: "global",
      flag: config.flag,
      summary: pending
        ? `set \`${config.flag}\` to true on production, for everyone`
        : `\`${config.flag}\` is already on for everyone on production`,
      checks: v.checks,
      refusals: v.refusals,
      actions,
      issueActions,
      facts: [...v.facts, ...facts],
      ...(gates ? { gates } : {}),
    };
  },
};

/**
 * "Dashboards and error rates were watched during each step": verified when the tool watched
 * every step's soak green; otherwise it stays a person's, and the plan says which soak was not.
 */
function watchedCheck(state: RolloutState, options: PhaseOptions, v: Verdicts): void {
  const proof = proveSoaksWatched(state.history, state.config, options.soakWindow);
  if (proof.proven) {
    v.facts.push(verified("soaks-watched"));
    v.checks.push({
      name: "soaks watched",
      ok: true,
      detail: `the tool watched every step's soak green (${proof.steps.join(", ")})`,
    });
    return;
  }
  v.checks.push({
    name: "soaks watched",
    ok: true,
    detail: `left to a person: ${proof.missing.join("; ")}`,
  });
}

/** The feature issue's comment once the flag is on for everyone. */
export function globalComment(config: Config): SafeMarkdown {
  return lines(
    md`The ${code(config.flag)} feature flag is now enabled for everyone on production. Details and rollback: ${url(config.rolloutIssue.webUrl)}`,
    ours(""),
    GLOBAL_MARKER(config.flag),
  );
}
