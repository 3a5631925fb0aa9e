// The hidden JSON marker every audit note carries, so the rollout's history can be rebuilt from
// the issue alone: `<!-- ff-rollout {...} -->`. GitLab renders HTML comments invisibly but keeps
// them in the note body. The JSON never contains "<", ">" or "--" (jsonMarker escapes them), so
// it can neither end early nor open another comment.

import { z } from "zod";
import { jsonMarker, type SafeMarkdown } from "./safe-markdown.js";
import { soakWindowSchema } from "./soak-window.js";

export const compactStateSchema = z.object({
  exists: z.boolean(),
  boolean: z.boolean(),
  percentageOfActors: z.number(),
  percentageOfTime: z.number(),
  actors: z.array(z.string()),
  featureGroups: z.array(z.string()),
});

export const auditEventSchema = z.looseObject({
  v: z.literal(1),
  kind: z.literal("phase"),
  phase: z.string(),
  flag: z.string(),
  /** When the run finished, on GitLab's clock when known. */
  at: z.string(),
  outcome: z.enum(["done", "partial", "failed", "unchanged"]),
  by: z.string().optional(),
  /**
   * What started the run when it was not a person's press: "schedule" for `advance`. Any text
   * is kept (a newer version may add kinds); the notes show it.
   */
  trigger: z.string().optional(),
  /** A random id per run, shared with its lease note (lease.ts). */
  run: z.string().optional(),
  job: z
    .object({ id: z.string(), name: z.string().optional(), url: z.string().optional() })
    .optional(),
  pipeline: z.object({ id: z.string(), url: z.string().optional() }).optional(),
  /**
   * Set when this note records, late, a change an earlier run made but could not record (its
   * note failed): the event's job and instances are that earlier run's; this is the run that
   * wrote the note.
   */
  recordedBy: z
    .object({
      job: z
        .object({ id: z.string(), name: z.string().optional(), url: z.string().optional() })
        .optional(),
      pipeline: z.object({ id: z.string(), url: z.string().optional() }).optional(),
      by: z.string().optional(),
    })
    .optional(),
  forced: z.object({ reason: z.string() }).optional(),
  reason: z.string().optional(),
  /** Writes to issues besides the note itself: "set the milestone 19.7", ... */
  issue: z.array(z.string()).optional(),
  /** The health checks a production step was judged on (a red one only when forced). */
  health: z
    .object({
      at: z.string(),
      checks: z.array(
        z.object({
          name: z.string(),
          verdict: z.enum(["green", "red", "unknown"]),
          // JSON has no NaN or Infinity: they are written as null.
          value: z.number().nullable().optional(),
          detail: z.string(),
        }),
      ),
    })
    .optional(),
  /**
   * A step `advance` took: the soak window of the step before, judged green before taking it
   * (soak-window.ts). The evidence that the step before was watched.
   */
  soakWindow: soakWindowSchema.optional(),
  /** Open incidents a forced production step went past. */
  incidents: z.array(z.string()).optional(),
  instances: z.array(
    z.looseObject({
      environment: z.string(),
      status: z.enum(["changed", "unchanged", "failed", "skipped"]),
      before: compactStateSchema,
      after: compactStateSchema,
      applied: z.array(z.string()),
      error: z.string().optional(),
    }),
  ),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const MARKER = /<!-- ff-rollout (\{.*?\}) -->/gs;

export function renderMarker(event: AuditEvent): SafeMarkdown {
  return jsonMarker("ff-rollout", event);
}

/** Whether the body carries something shaped like our marker, valid or not. */
export function hasMarker(body: string): boolean {
  return body.includes("<!-- ff-rollout {");
}

/** The event in a note body, or undefined when the note is not ours or the marker is damaged. */
export function readMarker(body: string): AuditEvent | undefined {
  // Ours is the last thing in the note; an earlier lookalike (quoted text) is not trusted.
  const match = [...body.matchAll(MARKER)].at(-1);
  if (!match) return undefined;
  try {
    const parsed = auditEventSchema.safeParse(JSON.parse(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
