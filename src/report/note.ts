// The audit note a phase run leaves on the rollout issue: what a person reads first (what changed,
// where, before and after, who, from which job), then the same as a hidden JSON marker.

import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import { type AuditEvent, renderMarker } from "./marker.js";
import {
  code,
  inline,
  inlineWithCode,
  join,
  lines,
  link,
  md,
  ours,
  type SafeMarkdown,
} from "./safe-markdown.js";
import { soakWindowLines } from "./soak-window.js";

type CompactState = AuditEvent["instances"][number]["before"];

export function compactState(state: FlagState): CompactState {
  return {
    exists: state.exists,
    boolean: state.boolean,
    percentageOfActors: state.percentageOfActors,
    percentageOfTime: state.percentageOfTime,
    actors: state.actors,
    featureGroups: state.featureGroups,
  };
}

function describeCompact(flag: string, state: CompactState): string {
  return describeState({ name: flag, state: "off", ...state });
}

const STATUS_LABEL: Record<AuditEvent["instances"][number]["status"], SafeMarkdown> = {
  changed: ours("changed"),
  unchanged: ours("already so"),
  failed: ours("**failed**"),
  skipped: ours("not reached"),
};

const OUTCOME_LINE: Record<AuditEvent["outcome"], string> = {
  done: "",
  unchanged: "Nothing needed changing.",
  partial:
    "**Stopped part-way.** The instances marked changed were changed; the others were not. Re-run the job to finish: what is done is not repeated.",
  failed: "**Failed.** Nothing was changed.",
};

// Every value below may come from a person (a reason, a marker someone else wrote) or from an
// error body: each goes through safe-markdown.ts (see there for what GitLab would act on).
export function renderNote(event: AuditEvent, title: string): SafeMarkdown {
  const out: SafeMarkdown[] = [];
  out.push(
    md`**ff-rollout · ${inline(event.phase, 60)}**${triggerLabel(event)} · ${inlineWithCode(title, 300)}`,
    E,
  );
  if (event.forced)
    out.push(md`:warning: Forced past a refusal. Reason: ${inline(event.forced.reason, 1000)}`, E);
  if (event.reason && !event.forced) out.push(md`Reason: ${inline(event.reason, 1000)}`, E);
  if (event.instances.length > 0) {
    out.push(ours("| Instance | Before | After | Result |"), ours("|---|---|---|---|"));
    for (const i of event.instances) {
      const label = STATUS_LABEL[i.status] ?? inline(String(i.status));
      const result = i.error ? md`${label}: ${inline(i.error, 200)}` : label;
      out.push(
        md`| ${inline(i.environment, 60)} | ${inline(describeCompact(event.flag, i.before), 200)} | ${inline(describeCompact(event.flag, i.after), 200)} | ${result} |`,
      );
    }
    out.push(E);
  }
  out.push(...gateLines(event));
  if (event.soakWindow) out.push(...soakWindowLines(event.soakWindow), E);
  if (event.issue && event.issue.length > 0) {
    out.push(
      md`Also: ${join(
        event.issue.map((what) => inline(what, 300)),
        "; ",
      )}.`,
      E,
    );
  }
  const outcome = OUTCOME_LINE[event.outcome];
  if (outcome) out.push(ours(outcome), E);
  out.push(provenance(event), E, renderMarker(event));
  return lines(out);
}

const E = ours("");

const VERDICT_MARK = { green: "✅", red: "❌", unknown: "❔" } as const;

/** The health checks and open incidents a production step was judged on. */
function gateLines(event: AuditEvent): SafeMarkdown[] {
  const out: SafeMarkdown[] = [];
  if (event.health) {
    const at = event.health.at.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
    out.push(md`Health checks at ${inline(at, 40)}:`);
    for (const c of event.health.checks) {
      const mark = ours(VERDICT_MARK[c.verdict] ?? "❔");
      out.push(md`- ${mark} ${inline(c.name, 80)}: ${inline(c.detail, 300)}`);
    }
    out.push(E);
  }
  if (event.incidents && event.incidents.length > 0) {
    // As text, not links: a link to an issue would add a cross-reference note on the incident.
    const urls = event.incidents.map((u) => inline(u, 200));
    out.push(md`Open incidents: ${join(urls, ", ")}`, E);
  }
  return out;
}

/** " (by schedule)" after the phase when the run was not a person's press. */
export function triggerLabel(event: Pick<AuditEvent, "trigger">): SafeMarkdown {
  if (!event.trigger) return ours("");
  return event.trigger === "schedule"
    ? ours(" (by schedule)")
    : md` (by ${inline(event.trigger, 30)})`;
}

function shaped(url: string | undefined, kind: "jobs" | "pipelines"): string | undefined {
  return url && new RegExp(`^https?://[^\\s]+/-/${kind}/\\d+$`).test(url) ? url : undefined;
}

function provenance(event: AuditEvent): SafeMarkdown {
  const parts: SafeMarkdown[] = [];
  // In a code span, so that the audit line does not mention (and notify) the person. No "#"
  // before the ids: "#123" outside a link would reference issue 123.
  if (event.trigger === "schedule") {
    // A scheduled pipeline runs as its schedule's owner: named, but it was no one's press.
    parts.push(event.by ? md`by schedule (owner ${code(`@${event.by}`)})` : ours("by schedule"));
  } else if (event.by) parts.push(md`by ${code(`@${event.by}`)}`);
  // Linked only when the URL has the shape of GitLab's job and pipeline pages.
  if (event.job)
    parts.push(
      md`from ${link(md`job ${inline(event.job.id, 30)}`, shaped(event.job.url, "jobs"))}`,
    );
  if (event.pipeline)
    parts.push(
      md`in ${link(md`pipeline ${inline(event.pipeline.id, 30)}`, shaped(event.pipeline.url, "pipelines"))}`,
    );
  parts.push(md`at ${inline(event.at.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC"), 40)}`);
  return md`Run ${join(parts, " ")}.`;
}
