// A config file that serves several flags gives each its own `actor` and `actors` under
// `flags.<name>`: one flag checked per project, another per group, from one file. They replace
// the shared ones for that flag, before the FF_ROLLOUT_* variables and CLI flags (the include's
// inputs) override the result.

import type { ConfigProblem } from "../errors.js";

type Raw = Record<string, unknown>;

/** The keys of the file's entry for `flag` that stand in for the shared ones. */
export function perFlagKeys(file: Raw, flag: unknown): Raw {
  const flags = file.flags;
  if (typeof flag !== "string" || flags === null || typeof flags !== "object") return {};
  const entry = (flags as Raw)[flag];
  if (entry === null || typeof entry !== "object") return {};
  const { actor, actors } = entry as Raw;
  const out: Raw = {};
  if (actor !== undefined) out.actor = actor;
  if (actors !== undefined) out.actors = actors;
  // A flag checked without an actor has no actors, whatever the shared list holds.
  if (actor === "none" && actors === undefined) out.actors = [];
  return out;
}

/**
 * An `actor` given by a variable or flag (the include's `actor` input) with the actors still from
 * the file, which list another kind of actor: the paths would be sent as the wrong kind.
 */
export function actorWithoutActors(
  fileActor: unknown,
  overrides: Raw,
  flag: unknown,
): ConfigProblem[] {
  const actor = overrides.actor;
  if (actor === undefined || actor === "none" || actor === fileActor) return [];
  if (overrides.actors !== undefined) return [];
  return [
    {
      path: "actor",
      message: `is "${actor}" from FF_ROLLOUT_ACTOR (the include's actor input) while the actors come from the config file, where they are for actor "${String(fileActor)}"; give the include's actors input too, or put this flag's own actor and actors under flags.${typeof flag === "string" ? flag : "<flag>"} in the config file`,
    },
  ];
}
