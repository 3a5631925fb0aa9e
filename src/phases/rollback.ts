// rollback: the flag off on production (every instance with --everywhere, the named ones with
// --environment), now. No preconditions at all: not drift, not soak, not order. It is the one
// button that must always work; the reason is recorded in the note. It runs through
// engine/run-rollback.ts (not the shared phase runner): it needs nothing but each instance's
// Features API, and the issue work comes after, best effort.

import type { Config, Environment } from "../config.js";
import type { Fact } from "../engine/facts.js";
import type { FlagAction, Phase, PhaseOptions, Plan, RolloutState } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { emptyVerdicts, flagActions, plural } from "./checks.js";

/** Which instances a rollback turns off. */
export type RollbackScope =
  | { kind: "production" }
  | { kind: "everywhere" }
  /** These instances only, by their names in `environments:`. */
  | { kind: "environments"; names: string[] };

export function scopeOf(options: Pick<PhaseOptions, "everywhere" | "environments">): RollbackScope {
  if (options.environments && options.environments.length > 0)
    return { kind: "environments", names: options.environments };
  return options.everywhere ? { kind: "everywhere" } : { kind: "production" };
}

/** The instances of a scope, in config order; an unknown name is bad input (exit 2). */
export function rollbackTargets(config: Config, scope: RollbackScope): Environment[] {
  switch (scope.kind) {
    case "production":
      return config.environments.filter((e) => e.tier === "production");
    case "everywhere":
      return config.environments;
    case "environments": {
      const known = config.environments.map((e) => e.name);
      const unknown = scope.names.filter((n) => !known.includes(n));
      if (unknown.length > 0) {
        throw new UsageError(
          unknown.map((name) => ({
            option: "--environment",
            value: name,
            problem: "not a configured environment",
            fix: `use one of: ${known.join(", ")}`,
          })),
        );
      }
      return config.environments.filter((e) => scope.names.includes(e.name));
    }
  }
}

export function describeScope(scope: RollbackScope, targets: Environment[]): string {
  if (scope.kind === "everywhere") return "every instance";
  if (scope.kind === "production") return "production";
  return targets.map((e) => e.name).join(", ");
}

/** The plan of a rollback from the flag on each target (its actions; never a refusal). */
export function planRollback(
  config: Config,
  scope: RollbackScope,
  actions: FlagAction[],
  reason: string | undefined,
): Plan {
  const pending = actions.filter((a) => a.changes.length > 0).length;
  const where = describeScope(
    scope,
    actions.map((a) => a.environment),
  );
  return {
    phase: "rollback",
    flag: config.flag,
    summary: pending
      ? `set \`${config.flag}\` to false on ${plural(pending, "instance")} (${where})${reason ? ` because: ${reason}` : ""}`
      : `\`${config.flag}\` is already off on ${where}`,
    checks: [],
    // Never any refusal: a rollback must not be blockable.
    refusals: [],
    actions,
    issueActions: [],
    facts: rollbackFacts(
      config.flag,
      actions.map((a) => a.environment),
    ),
  };
}

/**
 * Checklist facts: the flag is false on each of these instances. Callers pass only the
 * instances where it is off after the run, so a rollback of staging alone (--environment)
 * ticks nothing about production.
 */
export function rollbackFacts(flag: string, offOn: Environment[]): Fact[] {
  return offOn.flatMap((e) =>
    e.chatops ? [{ kind: "flag-boolean", flag, instance: e.chatops, value: false } as const] : [],
  );
}

export const rollback: Phase = {
  name: "rollback",
  title: "Roll back: disable the flag",
  needs: (config, options) => ({ environments: rollbackTargets(config, scopeOf(options)) }),
  plan(state: RolloutState, options: PhaseOptions): Plan {
    const scope = scopeOf(options);
    const targets = rollbackTargets(state.config, scope);
    const plan = planRollback(
      state.config,
      scope,
      flagActions(state, targets, { kind: "off" }, emptyVerdicts()),
      options.reason,
    );
    return { ...plan, facts: rollbackFacts(state.config.flag, targets) };
  },
};
