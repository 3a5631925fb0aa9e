// The note a watch leaves when it saw a whole soak green: a short account for people, and a hidden
// marker of its own, `<!-- ff-rollout:watch {...} -->`. Not the audit marker on purpose: a watch
// changes nothing, so no reader of phase runs (soak, drift, ordering, advance's "rollback since
// the last step", status, readiness) may ever take it for a production change or a phase run;
// history.ts keeps these apart as evidence that the step's soak was watched.

import { z } from "zod";
import {
  code,
  inline,
  jsonMarker,
  lines,
  link,
  md,
  ours,
  type SafeMarkdown,
} from "./safe-markdown.js";
import { describeStepOf, soakWindowLines, soakWindowSchema } from "./soak-window.js";

export const watchNoteSchema = z.looseObject({
  v: z.literal(1),
  flag: z.string(),
  window: soakWindowSchema,
  by: z.string().optional(),
  job: z
    .object({ id: z.string(), name: z.string().optional(), url: z.string().optional() })
    .optional(),
  pipeline: z.object({ id: z.string(), url: z.string().optional() }).optional(),
});
export type WatchRecord = z.infer<typeof watchNoteSchema>;

const WATCH = /<!-- ff-rollout:watch (\{.*?\}) -->/gs;

export function hasWatchMarker(body: string): boolean {
  return body.includes("<!-- ff-rollout:watch {");
}

/** The record in a note body, or undefined when the marker is absent or damaged. */
export function readWatchMarker(body: string): WatchRecord | undefined {
  // Ours is the last thing in the note; an earlier lookalike (quoted text) is not trusted.
  const match = [...body.matchAll(WATCH)].at(-1);
  if (!match) return undefined;
  try {
    const parsed = watchNoteSchema.safeParse(JSON.parse(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// Every value goes through safe-markdown.ts: check names and details come from the config and
// from Prometheus.
export function renderWatchNote(record: WatchRecord): SafeMarkdown {
  const step = inline(describeStepOf(record.window.step), 80);
  const by = record.by ? md` by ${code(`@${record.by}`)}` : ours("");
  const job = record.job
    ? md` from ${link(md`job ${inline(record.job.id, 30)}`, jobUrl(record.job.url))}`
    : ours("");
  return lines(
    md`**ff-rollout · watch** · every health check stayed green through the soak after ${step}.`,
    ours(""),
    ...soakWindowLines(record.window),
    ours(""),
    md`Watched${by}${job}. This note changes nothing; it records that the soak was watched.`,
    ours(""),
    // jsonMarker escapes what could end the comment; readWatchMarker's JSON.parse reads it back.
    jsonMarker("ff-rollout:watch", record),
  );
}

function jobUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s]+\/-\/jobs\/\d+$/.test(url) ? url : undefined;
}
