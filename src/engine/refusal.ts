// The two kinds of refusal (errors.ts: RefusalKind), made and printed in one place so that every
// line a person reads says which kind it is and what can be done about it.

import { type Refusal, RefusalError } from "../errors.js";

export function notNow(reason: string): Refusal {
  return { kind: "not-now", reason };
}

export function never(reason: string): Refusal {
  return { kind: "never", reason };
}

export const REFUSAL_LABEL: Record<Refusal["kind"], string> = {
  "not-now": "not now",
  never: "never",
};

/** "[not now] soak: only 3 min ...", as every refusal line reads. */
export function describeRefusal(refusal: Refusal): string {
  return `[${REFUSAL_LABEL[refusal.kind]}] ${refusal.reason}`;
}

/** The refusals that stop this run: all of them, or with --force only the "never" ones. */
export function blockingRefusals(refusals: readonly Refusal[], force: boolean): Refusal[] {
  return refusals.filter((r) => !force || r.kind === "never");
}

/** The error a refused run exits with (1), every refusal on its own line with its kind. */
export function refusalError(phase: string, refusals: Refusal[], force: boolean): RefusalError {
  const lines = refusals.map((r) => `  - ${describeRefusal(r)}`);
  const never = refusals.some((r) => r.kind === "never");
  const notNow = refusals.some((r) => r.kind === "not-now");
  const hint = never
    ? force
      ? '--force overrides only "not now" refusals; a "never" refusal stays until its cause is gone.'
      : 'A "never" refusal cannot be overridden: remove its cause.'
    : 'Each is "not now": wait or do what it says, or override with --force --reason "..." (the note records it).';
  const tail =
    never && notNow && !force
      ? ' "not now" ones can be overridden with --force --reason "...".'
      : "";
  return new RefusalError(`${phase} refused:\n${lines.join("\n")}\n${hint}${tail}`, refusals);
}
