// Preconditions several phases share, each turned into checks (for the log), refusals (why not)
// and facts (what was verified, for the checklist). Pure: everything was read by gatherState().

import type { Environment } from "../config.js";
import { describeDrift, findDrift } from "../engine/drift.js";
import type { Fact, Intent } from "../engine/facts.js";
import { never, notNow } from "../engine/refusal.js";
import { describeSoak, soakState } from "../engine/soak.js";
import type { Check, FlagAction, RolloutState } from "../engine/types.js";
import type { Refusal, RefusalKind } from "../errors.js";
import { describeState } from "../flags/gates.js";
import { type FlagTarget, transition } from "../flags/transitions.js";
import { absentFlag, isFullyOn } from "../flags/types.js";

export interface Verdicts {
  checks: Check[];
  refusals: Refusal[];
  facts: Fact[];
}

export function emptyVerdicts(): Verdicts {
  return { checks: [], refusals: [], facts: [] };
}

/** A check; when it fails, a refusal of the given kind ("not now" unless said otherwise). */
function add(
  v: Verdicts,
  name: string,
  ok: boolean,
  detail: string,
  refusal?: string,
  kind: RefusalKind = "not-now",
): void {
  v.checks.push({ name, ok, detail });
  const reason = refusal ?? `${name}: ${detail}`;
  if (!ok) v.refusals.push(kind === "never" ? never(reason) : notNow(reason));
}

/** The definition, its merge request merged into the default branch, its commit deployed. */
export function releaseChecks(state: RolloutState, v: Verdicts): void {
  const release = state.release;
  if (!release) return;
  const { definition } = release;
  if (!definition.found) {
    if ("searched" in definition) {
      add(
        v,
        "definition",
        false,
        `no definition of \`${state.config.flag}\` in ${state.config.definitionProject}; searched ${definition.searched.join(", ")}. Check the flag's name and definition_project`,
        undefined,
        "never",
      );
    } else {
      add(
        v,
        "definition",
        false,
        `${definition.path} is not a valid definition: ${definition.problems.join("; ")}`,
        undefined,
        "never",
      );
    }
    return;
  }
  add(v, "definition", true, definition.definition.path);
  const mr = release.mergeRequest;
  if (!mr) return;
  const merged = mr.state === "merged" && mr.targetBranch === mr.defaultBranch;
  add(
    v,
    "merge request",
    merged,
    merged
      ? `${mr.url} merged into ${mr.targetBranch} (${short(mr.commit)})`
      : mr.state !== "merged"
        ? `${mr.url} is ${mr.state}, not merged yet; merge it first`
        : `${mr.url} was merged into ${mr.targetBranch}, not the default branch ${mr.defaultBranch}`,
  );
  if (merged) v.facts.push(verified("mr-merged"));
  if (!merged) return;
  if (!release.deployments) {
    v.checks.push({
      name: "deployments",
      ok: true,
      detail: "not checked: no deployments configured",
    });
    return;
  }
  for (const d of release.deployments) {
    const detail =
      d.status === "deployed"
        ? `deployed (${short(d.deployedSha)} since ${d.deployedAt})`
        : d.status === "not-yet"
          ? `not yet: ${short(d.deployedSha)} deployed at ${d.deployedAt} does not contain ${short(mr.commit)}`
          : "no successful deployment";
    add(
      v,
      `deployed to ${d.environment}`,
      d.status === "deployed",
      detail,
      `${short(mr.commit)} is not deployed to ${d.environment}: ${detail}`,
    );
  }
  if (release.deployments.every((d) => d.status === "deployed")) {
    v.facts.push(
      verified(release.tier === "production" ? "deployed-production" : "deployed-non-production"),
    );
  }
}

/** Live state equals what the audit notes last recorded, on every instance read. */
export function driftCheck(state: RolloutState, v: Verdicts): void {
  const drift = findDrift(state.history, state.flags, state.config.flag);
  for (const d of drift) add(v, `no drift on ${d.environment}`, false, describeDrift(d));
  if (drift.length === 0 && state.history.entries.length > 0) {
    v.checks.push({
      name: "no drift",
      ok: true,
      detail: "every instance is as the last run left it",
    });
  }
}

export function soakCheck(
  state: RolloutState,
  v: Verdicts,
  tier: "production" | "non-production" = "production",
): void {
  const soak = soakState(
    state.history,
    state.config.environments,
    state.now,
    state.config.soakMinutes,
    tier,
  );
  add(v, "soak", soak.over, describeSoak(soak, state.config.soakMinutes));
}

/** Every non-production instance fully on: the non-production phase is done. */
export function nonProductionDone(state: RolloutState, v: Verdicts): void {
  const off = tier(state, "non-production").filter((e) => !isFullyOn(flagOf(state, e)));
  add(
    v,
    "non-production done",
    off.length === 0,
    off.length === 0
      ? "the flag is on in every non-production instance"
      : `not on in ${off.map((e) => `${e.name} (${describeState(flagOf(state, e))})`).join(", ")}; run the non-production phase first`,
  );
}

export function tier(state: RolloutState, which: Environment["tier"]): Environment[] {
  return state.config.environments.filter((e) => e.tier === which);
}

export function flagOf(state: RolloutState, env: Environment) {
  return state.flags.get(env.name) ?? absentFlag(state.config.flag);
}

/** The writes each environment needs to reach `target`; GitLab's refusals become ours. */
export function flagActions(
  state: RolloutState,
  envs: Environment[],
  target: FlagTarget,
  v: Verdicts,
): FlagAction[] {
  return envs.map((environment) => {
    const before = flagOf(state, environment);
    const step = transition(before, target);
    // GitLab's rule (no percentage on a fully-on flag) has a way round that --force takes: set
    // it false first. A judgement, so "not now".
    if (step.refusal) v.refusals.push(notNow(`${environment.name}: ${step.refusal}`));
    return { environment, before, target, changes: step.changes, notes: step.notes };
  });
}

export function verified(intent: Intent): Fact {
  return { kind: "verified", intent };
}

export function short(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 8) : "unknown";
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
