// The `auto_advance` key: how far the scheduled `advance` command may take the flag on its own.
// `off` (the default) never; a percentage: up to that step of `percentages`, then a person takes
// over; `global`: every step and then global. The checks that need other keys (the percentage
// must be a configured step; health checks must be configured, since "green over the whole
// window" means nothing without them) run over the whole config (schema.ts calls them).

import { z } from "zod";

/** off | global | the percentage to stop at (one of `percentages`). */
export type AutoAdvance = "off" | "global" | number;

const HOW = "must be off, global, or the percentage to stop at (one of percentages:), e.g. 25";

// YAML 1.2 reads `off` as the text "off"; a YAML 1.1 habit (`false`) means the same. The
// component passes the input as text, so "25" is read as the number.
export const autoAdvance = z
  .union(
    [
      z.enum(["off", "global"]),
      z.literal(false).transform((): AutoAdvance => "off"),
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ],
    { error: HOW },
  )
  .default("off");

// finish_by_schedule: the scheduled `advance` also finishes a release or a cleanup a person
// started (advance/finish.ts). Independent of auto_advance and of health: those two phases have
// no health gate, and their finish waits for a merge, a release or a deployment, not a soak.
// A boolean in the file; the component passes "true"/"false" as text (overrides.ts reads it).
export const finishBySchedule = z
  .boolean({
    error:
      "must be true or false: true lets the scheduled advance job finish a release or cleanup a person started (default false)",
  })
  .default(false);

/** Merged into the main schema's object (schema.ts). */
export const advanceKeys = { auto_advance: autoAdvance, finish_by_schedule: finishBySchedule };

interface Issue {
  path: (string | number)[];
  message: string;
  input: unknown;
}

/** The rules over several keys: a configured percentage, and health checks to judge by. */
export function autoAdvanceProblems(config: {
  auto_advance: AutoAdvance;
  percentages: number[];
  health?: unknown;
}): Issue[] {
  const value = config.auto_advance;
  if (value === "off") return [];
  const problems: Issue[] = [];
  if (typeof value === "number" && !config.percentages.includes(value)) {
    problems.push({
      path: ["auto_advance"],
      message: `is not one of the configured percentages (${config.percentages.join(", ")}); stop at one of them, or use global or off`,
      input: value,
    });
  }
  if (config.health === undefined) {
    problems.push({
      path: ["auto_advance"],
      message:
        "needs health checks to judge the soak by: add health: (a Prometheus-compatible API and its checks; see the README), or set auto_advance: off",
      input: value,
    });
  }
  return problems;
}
