// A soak window the tool proved green: which production step's soak it was, from when to when,
// and each check's verdict and figure. Two records carry one: the audit note of a step `advance`
// took (the window of the step before, judged before taking it) and a green watch's note (the
// window it watched). Together they prove the template's "dashboards and error rates were
// watched during each step" (engine/soak-proof.ts); the notes show the same to people.

import { z } from "zod";
import { inline, md, num, ours, type SafeMarkdown } from "./safe-markdown.js";

export const soakWindowSchema = z.looseObject({
  /** The production step whose soak this was: its audit note, phase and percentage. */
  step: z.looseObject({
    noteId: z.number(),
    phase: z.string(),
    percentage: z.number().optional(),
  }),
  /** The first and last moments judged (ISO, GitLab's clock). */
  from: z.string(),
  to: z.string(),
  /** "advance": every point of the window, by range queries; "watch": every interval. */
  by: z.enum(["advance", "watch"]),
  /** The watch's evaluations and its interval: the gap it may leave after the step. */
  evaluations: z.number().optional(),
  intervalSeconds: z.number().optional(),
  /** Set when the incident check ran with the window's judgement and found nothing open. */
  noIncident: z.boolean().optional(),
  checks: z.array(
    z.looseObject({
      name: z.string(),
      verdict: z.enum(["green", "red", "unknown"]),
      // JSON has no NaN or Infinity: they are written as null.
      value: z.number().nullable().optional(),
      detail: z.string(),
    }),
  ),
});
export type SoakWindow = z.infer<typeof soakWindowSchema>;

/** "rollout 10%", "production-actors": a step as people name it. */
export function describeStepOf(step: SoakWindow["step"]): string {
  return step.percentage === undefined ? step.phase : `${step.phase} ${step.percentage}%`;
}

function when(iso: string): SafeMarkdown {
  return inline(iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC"), 40);
}

/** The window as lines of a note: one sentence, then one line per check. */
export function soakWindowLines(window: SoakWindow): SafeMarkdown[] {
  const how =
    window.by === "watch"
      ? md`watched every ${num(window.intervalSeconds ?? 0)} s (${num(window.evaluations ?? 0)} evaluations)`
      : ours("judged at every point of the window");
  const incidents = window.noIncident ? ours(", no open incident") : ours("");
  const out: SafeMarkdown[] = [
    md`Soak after ${inline(describeStepOf(window.step), 80)} (note ${num(window.step.noteId)}): ${how} from ${when(window.from)} to ${when(window.to)}${incidents}:`,
  ];
  const MARK = { green: "✅", red: "❌", unknown: "❔" } as const;
  for (const c of window.checks) {
    out.push(
      md`- ${ours(MARK[c.verdict] ?? "❔")} ${inline(c.name, 80)}: ${inline(c.detail, 300)}`,
    );
  }
  return out;
}

/** Every check green, and at least one: what a proof needs. */
export function windowGreen(window: SoakWindow): boolean {
  return window.checks.length > 0 && window.checks.every((c) => c.verdict === "green");
}

/** A figure as JSON can hold it. */
export function storedValue(value: number | undefined): { value?: number | null } {
  if (value === undefined) return {};
  return { value: Number.isFinite(value) ? value : null };
}
