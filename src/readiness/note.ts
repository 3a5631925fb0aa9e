// One readiness note per rollout issue, edited in place, and only when a verdict changes: a daily
// schedule must not make daily noise. The note says since when its verdicts hold; each day's
// check is in that pipeline's test report. A digest of the verdicts (not of the reasons, whose
// wording moves: "expires in 13 days", "in 12 days") in the marker tells whether to edit.

import { createHash } from "node:crypto";
import type { Note } from "../gitlab/issues.js";
import {
  code,
  hiddenMarker,
  inline,
  lines,
  md,
  ours,
  type SafeMarkdown,
} from "../report/safe-markdown.js";
import { type FlagReadiness, VERDICT_LABEL, type Verdict } from "./types.js";

const ICON: Record<Verdict, string> = {
  ready: ":white_check_mark:",
  warning: ":warning:",
  "not-ready": ":x:",
};

const readinessMarker = (flag: string, digest: string) =>
  hiddenMarker("ff-rollout:readiness", flag, digest);
/** The marker up to the digest: "<!-- ff-rollout:readiness <flag> ". */
export const READINESS_MARKER_PREFIX = (flag: string) =>
  hiddenMarker("ff-rollout:readiness", flag).slice(0, -3);

export function verdictDigest(result: FlagReadiness): string {
  const key = result.checks.map((c) => `${c.name}=${c.verdict}`).join(";");
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

export function findReadinessNote(notes: Note[], flag: string): Note | undefined {
  return notes.find((n) => !n.system && n.body.includes(READINESS_MARKER_PREFIX(flag)));
}

/**
 * The note's body, or undefined when the existing note already says the same verdicts. The flag
 * may have been read from an issue and the reasons quote GitLab's answers: all made inert.
 */
export function readinessNoteUpdate(
  result: FlagReadiness,
  existing: Note | undefined,
  checkedAt: Date,
): SafeMarkdown | undefined {
  const marker = readinessMarker(result.flag, verdictDigest(result));
  if (existing?.body.includes(marker)) return undefined;
  const since = checkedAt.toISOString().slice(0, 16).replace("T", " ");
  return lines(
    md`**ff-rollout · rollback readiness of ${code(result.flag)}: ${ours(ICON[result.verdict])} ${ours(VERDICT_LABEL[result.verdict])}**`,
    ours(""),
    md`Checked by the scheduled readiness pipeline. These verdicts hold since the check of ${inline(since)} UTC; this note changes only when one of them does (each day's check is in its pipeline's test report).`,
    ours(""),
    ours("| Check | Verdict | Why |"),
    ours("|---|---|---|"),
    result.checks.map(
      (c) =>
        md`| ${inline(c.name)} | ${ours(ICON[c.verdict])} ${ours(VERDICT_LABEL[c.verdict])} | ${inline(c.reason, 500)} |`,
    ),
    ours(""),
    marker,
  );
}
