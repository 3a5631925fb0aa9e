// The phase catalogue, in the order a rollout goes through them.

import type { Phase } from "../engine/types.js";
import { nonProduction } from "./non-production.js";

const PHASES: Phase[] = [nonProduction];

export function findPhase(name: string): Phase | undefined {
  return PHASES.find((p) => p.name === name);
}

export function phaseNames(): string[] {
  return PHASES.map((p) => p.name);
}
