// The lease note: while a phase run writes, one note on the rollout issue says so, so that a
// second run on the same flag does not write at the same time (engine/lease.ts). It carries the
// run's job as a hidden marker, `<!-- ff-rollout:lease {...} -->`, distinct from the audit
// marker; people see one line saying which job is working and that the note goes away after.

import { z } from "zod";
import { compactStateSchema } from "./marker.js";
import {
  code,
  inline,
  jsonMarker,
  lines,
  link,
  md,
  num,
  ours,
  type SafeMarkdown,
} from "./safe-markdown.js";

export const leaseSchema = z.looseObject({
  v: z.literal(1),
  flag: z.string(),
  phase: z.string(),
  /** A random id per run, so that a run outside CI (no job) still knows its own lease. */
  run: z.string(),
  by: z.string().optional(),
  job: z
    .object({ id: z.string(), name: z.string().optional(), url: z.string().optional() })
    .optional(),
  pipeline: z.object({ id: z.string(), url: z.string().optional() }).optional(),
  /** The instances the run is about to write, as they were before: what it would change. */
  instances: z.array(z.looseObject({ environment: z.string(), before: compactStateSchema })),
});
export type LeaseInfo = z.infer<typeof leaseSchema>;

const LEASE = /<!-- ff-rollout:lease (\{.*?\}) -->/s;

export function hasLeaseMarker(body: string): boolean {
  return body.includes("<!-- ff-rollout:lease ");
}

export function readLeaseMarker(body: string): LeaseInfo | undefined {
  const match = LEASE.exec(body);
  if (!match) return undefined;
  try {
    const parsed = leaseSchema.safeParse(JSON.parse(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A job as people read it: "job #123" (linked when its URL is known) or "a run outside CI". */
function describeJob(info: Pick<LeaseInfo, "job" | "by">): SafeMarkdown {
  const by = info.by ? md` by ${code(`@${info.by}`)}` : ours("");
  if (!info.job) return md`a run outside CI${by}`;
  return md`${link(inline(`job #${info.job.id}`), info.job.url)}${by}`;
}

export function renderLeaseNote(info: LeaseInfo, minutes: number): SafeMarkdown {
  return lines(
    md`**ff-rollout · ${inline(info.phase)}** · ${describeJob(info)} is changing this flag; other runs wait for it. This note is removed when it finishes (or counts as expired after ${num(minutes)} min).`,
    ours(""),
    // jsonMarker escapes what could end the comment; readLeaseMarker's JSON.parse reads it back.
    jsonMarker("ff-rollout:lease", info),
  );
}
