// The phase catalogue, in the order a rollout goes through them.

import type { Phase } from "../engine/types.js";
import { cleanup } from "./cleanup.js";
import { global } from "./global.js";
import { nonProduction } from "./non-production.js";
import { prepare } from "./prepare.js";
import { productionActors } from "./production-actors.js";
import { release } from "./release.js";
import { rollback } from "./rollback.js";
import { rollout } from "./rollout.js";

const PHASES: Phase[] = [
  nonProduction,
  productionActors,
  prepare,
  rollout,
  global,
  release,
  cleanup,
  rollback,
];

export function findPhase(name: string): Phase | undefined {
  return PHASES.find((p) => p.name === name);
}

export function phaseNames(): string[] {
  return PHASES.map((p) => p.name);
}
