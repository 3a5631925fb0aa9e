// The one status note per flag, edited in place after every phase run: the rollout so far as a
// table and as a Mermaid timeline (GitLab renders ```mermaid blocks). It is derived entirely
// from the audit events, so it can always be rebuilt and never disagrees with them.

import { describeState } from "../flags/gates.js";
import type { AuditEvent } from "./marker.js";
import {
  code,
  codeBlock,
  hiddenMarker,
  inline,
  join,
  lines,
  md,
  ours,
  type SafeMarkdown,
} from "./safe-markdown.js";

/** Identifies the status note of a flag. */
export const STATUS_NOTE_MARKER = (flag: string) => hiddenMarker("ff-rollout:status-note", flag);

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

/** Mermaid's timeline uses ":" to separate events, "#"/";" in its own syntax, "%%" for comments. */
function mermaidText(text: string): string {
  return text
    .replace(/[:;#`<>]|%%/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// Events may carry anything a marker held (a person could have written one): every value goes
// through safe-markdown.ts; the timeline's lines are inside a code block of their own.
export function renderStatusNote(
  flag: string,
  events: AuditEvent[],
  updatedAt: string,
): SafeMarkdown {
  const out: SafeMarkdown[] = [
    md`**ff-rollout · status of ${code(flag)}** · kept up to date by every phase run; last update ${inline(minute(updatedAt))} UTC`,
    ours(""),
  ];
  if (events.length === 0) {
    out.push(ours("No phase has run yet."));
  } else {
    out.push(
      ours("| # | Phase | When (UTC) | By | Changed | Result |"),
      ours("|---|---|---|---|---|---|"),
    );
    events.forEach((e, i) => {
      const by = e.by ? code(`@${e.by}`, "table") : ours("");
      const marks = [
        ...(e.trigger ? [e.trigger === "schedule" ? "by schedule" : `by ${e.trigger}`] : []),
        ...(e.forced ? ["forced"] : []),
      ];
      const phase = inline(marks.length > 0 ? `${e.phase} (${marks.join(", ")})` : e.phase, 80);
      out.push(
        md`| ${ours(String(i + 1))} | ${phase} | ${inline(minute(e.at))} | ${by} | ${inline(changes(e), 300)} | ${inline(e.outcome, 20)} |`,
      );
    });
    const judged = events.findLast((e) => e.health);
    if (judged?.health) {
      const mark = { green: "✅", red: "❌", unknown: "❔" } as const;
      const figures = judged.health.checks.map(
        (c) =>
          md`${ours(mark[c.verdict] ?? "❔")} ${inline(c.name, 80)} ${inline(String(c.value ?? "n/a"), 30)}`,
      );
      out.push(
        ours(""),
        md`Health at the last production step (${inline(judged.phase, 60)}, ${inline(minute(judged.health.at))} UTC): ${join(figures, " · ")}`,
      );
    }
    const timeline = ["timeline", `    title Rollout of ${mermaidText(flag)}`];
    for (const e of events) {
      // The period may not contain ":" either, so 10:05 is written 10h05.
      const period = mermaidText(minute(e.at).replace(":", "h"));
      const phase = e.trigger === "schedule" ? `${e.phase} by schedule` : e.phase;
      timeline.push(`    ${period} : ${mermaidText(phase)} : ${mermaidText(changes(e))}`);
    }
    out.push(ours(""), codeBlock("mermaid", timeline));
  }
  out.push(ours(""), STATUS_NOTE_MARKER(flag));
  return lines(out);
}
