// The phases' names, in the order of a rollout. Their own module (importing nothing) so that the
// config schema can validate a phase name without importing the engine, which imports the config.

export const PHASE_NAMES = [
  "non-production",
  "production-actors",
  "prepare",
  "rollout",
  "global",
  "release",
  "cleanup",
  "rollback",
] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];
