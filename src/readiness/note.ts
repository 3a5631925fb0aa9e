// One readiness note per rollout issue, edited in place, and only when a verdict changes: a daily
// schedule must not make daily noise. The note says since when its verdicts hold; each day's
// check is in that pipeline's test report. A digest of the verdicts (not of the reasons, whose
// wording moves: "expires in 13 days", "in 12 days") in the marker tells whether to edit.

import { createHash } from "node:crypto";
import type { Note } from "../gitlab/issues.js";
import { type FlagReadiness, VERDICT_LABEL, type Verdict } from "./types.js";

const ICON: Record<Verdict, string> = {
  ready: ":white_check_mark:",
  warning: ":warning:",
  "not-ready": ":x:",
};

export const READINESS_MARKER_PREFIX = (flag: string) => `<!-- ff-rollout:readiness ${flag} `;

export function verdictDigest(result: FlagReadiness): string {
  const key = result.checks.map((c) => `${c.name}=${c.verdict}`).join(";");
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

export function findReadinessNote(notes: Note[], flag: string): Note | undefined {
  return notes.find((n) => !n.system && n.body.includes(READINESS_MARKER_PREFIX(flag)));
}

/** The note's body, or undefined when the existing note already says the same verdicts. */
export function readinessNoteUpdate(
  result: FlagReadiness,
  existing: Note | undefined,
  checkedAt: Date,
): string | undefined {
  const digest = verdictDigest(result);
  if (existing?.body.includes(`${READINESS_MARKER_PREFIX(result.flag)}${digest} -->`))
    return undefined;
  const since = checkedAt.toISOString().slice(0, 16).replace("T", " ");
  const lines = [
    `**ff-rollout · rollback readiness of \`${result.flag}\`: ${ICON[result.verdict]} ${VERDICT_LABEL[result.verdict]}**`,
    "",
    `Checked by the scheduled readiness pipeline. These verdicts hold since the check of ${since} UTC; this note changes only when one of them does (each day's check is in its pipeline's test report).`,
    "",
    "| Check | Verdict | Why |",
    "|---|---|---|",
    ...result.checks.map(
      (c) => `| ${c.name} | ${ICON[c.verdict]} ${VERDICT_LABEL[c.verdict]} | ${cell(c.reason)} |`,
    ),
    "",
    `${READINESS_MARKER_PREFIX(result.flag)}${digest} -->`,
  ];
  return lines.join("\n");
}

function cell(text: string): string {
  return text
    .replace(/</g, "&lt;")
    .replace(/\|/g, "\\|")
    .replace(/\s+/g, " ")
    .replace(/@/g, "@\u200b");
}
