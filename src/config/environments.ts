// The instances a run may act on: each configured environment with the ChatOps name its
// checklist items use, then cut to the ones `flags.<flag>.environments` names for this flag.

import type { ChatopsInstance } from "../engine/facts.js";
import { CHATOPS_INSTANCES } from "../engine/facts.js";
import type { ConfigProblem } from "../errors.js";
import type { ParsedConfig } from "./schema.js";
import type { Environment } from "./types.js";

/** The configured environments, in config order, for `flag`. */
export function flagEnvironments(parsed: ParsedConfig, problems: ConfigProblem[]): Environment[] {
  return forThisFlag(resolveEnvironments(parsed, problems), parsed.flags, parsed.flag, problems);
}

function resolveEnvironments(parsed: ParsedConfig, problems: ConfigProblem[]): Environment[] {
  const seen = new Map<ChatopsInstance, string>();
  return Object.entries(parsed.environments).map(([name, env]) => {
    // The ChatOps flag (--dev, --staging, ...) an item names this environment by: explicit, or the
    // environment's own name when it is one, or "production" for the production tier.
    const chatops = (env.chatops ??
      ((CHATOPS_INSTANCES as readonly string[]).includes(name)
        ? name
        : env.tier === "production"
          ? "production"
          : undefined)) as ChatopsInstance | undefined;
    if (chatops) {
      const other = seen.get(chatops);
      if (other) {
        problems.push({
          path: `environments.${name}.chatops`,
          message: `"${chatops}" is already the ChatOps name of "${other}"; give each environment its own`,
        });
      }
      seen.set(chatops, name);
    }
    return { name, url: env.url, tokenEnv: env.token_env, tier: env.tier, chatops };
  });
}

/**
 * `flags.<flag>.environments` limits that flag to the named instances, for every command: the
 * phases, rollback, status and readiness see only those. Every name must be configured, and
 * production must be among them (the process ends there, and rollback acts there).
 */
function forThisFlag(
  environments: Environment[],
  flags: ParsedConfig["flags"],
  flag: string | undefined,
  problems: ConfigProblem[],
): Environment[] {
  const known = environments.map((e) => e.name);
  for (const [name, settings] of Object.entries(flags)) {
    for (const [i, env] of (settings.environments ?? []).entries()) {
      if (!known.includes(env)) {
        problems.push({
          path: `flags.${name}.environments.${i}`,
          message: `${JSON.stringify(env)} is not a configured environment; use one of: ${known.join(", ")}`,
        });
      }
    }
  }
  const only = flag === undefined ? undefined : flags[flag]?.environments;
  if (!only) return environments;
  const chosen = environments.filter((e) => only.includes(e.name));
  if (!chosen.some((e) => e.tier === "production")) {
    problems.push({
      path: `flags.${flag}.environments`,
      message: `must include an environment of tier production (${environments
        .filter((e) => e.tier === "production")
        .map((e) => e.name)
        .join(", ")}); the rollout and its rollback end there`,
    });
  }
  return chosen;
}
