// The one status note per flag, edited in place after every phase run: the rollout so far as a
// table and as a Mermaid timeline (GitLab renders ```mermaid blocks). It is derived entirely
// from the audit events, so it can always be rebuilt and never disagrees with them.

import { describeState } from "../flags/gates.js";
import type { AuditEvent } from "./marker.js";

/** Identifies the status note of a flag; a flag's name has no characters that need escaping. */
export const STATUS_NOTE_MARKER = (flag: string) => `<!-- ff-rollout:status-note ${flag} -->`;

type Instance = AuditEvent["instances"][number];

function state(flag: string, s: Instance["before"]): string {
  return describeState({ name: flag, state: "off", ...s });
}

/** "dev off → on; staging off → on", only for instances the run changed. */
function changes(event: AuditEvent): string {
  const changed = event.instances.filter((i) => i.applied.length > 0 || i.status === "failed");
  if (changed.length === 0) return "nothing";
  return changed
    .map((i) =>
      i.status === "failed"
        ? `${i.environment} failed`
        : `${i.environment} ${state(event.flag, i.before)} → ${state(event.flag, i.after)}`,
    )
    .join("; ");
}

function minute(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}

/** Mermaid's timeline uses ":" to separate events and "#"/";" in its own syntax. */
function mermaidText(text: string): string {
  return text
    .replace(/[:;#`]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function renderStatusNote(flag: string, events: AuditEvent[], updatedAt: string): string {
  const lines = [
    `**ff-rollout · status of \`${flag}\`** · kept up to date by every phase run; last update ${minute(updatedAt)} UTC`,
    "",
  ];
  if (events.length === 0) {
    lines.push("No phase has run yet.");
  } else {
    lines.push("| # | Phase | When (UTC) | By | Changed | Result |", "|---|---|---|---|---|---|");
    events.forEach((e, i) => {
      const by = e.by ? `\`@${e.by}\`` : "";
      const phase = e.forced ? `${e.phase} (forced)` : e.phase;
      lines.push(
        `| ${i + 1} | ${phase} | ${minute(e.at)} | ${by} | ${changes(e).replace(/\|/g, "\\|")} | ${e.outcome} |`,
      );
    });
    lines.push("", "```mermaid", "timeline", `    title Rollout of ${flag}`);
    for (const e of events) {
      // The period may not contain ":" either, so 10:05 is written 10h05.
      const period = minute(e.at).replace(":", "h");
      lines.push(`    ${period} : ${mermaidText(e.phase)} : ${mermaidText(changes(e))}`);
    }
    lines.push("```");
  }
  lines.push("", STATUS_NOTE_MARKER(flag));
  return lines.join("\n");
}
