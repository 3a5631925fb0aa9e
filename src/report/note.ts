// The audit note a phase run leaves on the rollout issue: what a person reads first (what changed,
// where, before and after, who, from which job), then the same as a hidden JSON marker.

import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import { type AuditEvent, renderMarker } from "./marker.js";

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

const STATUS_LABEL: Record<AuditEvent["instances"][number]["status"], string> = {
  changed: "changed",
  unchanged: "already so",
  failed: "**failed**",
  skipped: "not reached",
};

const OUTCOME_LINE: Record<AuditEvent["outcome"], string> = {
  done: "",
  unchanged: "Nothing needed changing.",
  partial:
    "**Stopped part-way.** The instances marked changed were changed; the others were not. Re-run the job to finish: what is done is not repeated.",
  failed: "**Failed.** Nothing was changed.",
};

export function renderNote(event: AuditEvent, title: string): string {
  const lines: string[] = [];
  lines.push(`**ff-rollout · ${event.phase}** · ${title}`, "");
  if (event.forced)
    lines.push(`:warning: Forced past a refusal. Reason: ${text(event.forced.reason)}`, "");
  if (event.reason && !event.forced) lines.push(`Reason: ${text(event.reason)}`, "");
  if (event.instances.length > 0) {
    lines.push("| Instance | Before | After | Result |", "|---|---|---|---|");
    for (const i of event.instances) {
      const result = i.error
        ? `${STATUS_LABEL[i.status]}: ${oneLine(i.error)}`
        : STATUS_LABEL[i.status];
      lines.push(
        `| ${i.environment} | ${describeCompact(event.flag, i.before)} | ${describeCompact(event.flag, i.after)} | ${result} |`,
      );
    }
    lines.push("");
  }
  if (event.issue && event.issue.length > 0) {
    lines.push(`Also: ${event.issue.map(text).join("; ")}.`, "");
  }
  const outcome = OUTCOME_LINE[event.outcome];
  if (outcome) lines.push(outcome, "");
  lines.push(provenance(event), "", renderMarker(event));
  return lines.join("\n");
}

function provenance(event: AuditEvent): string {
  const parts: string[] = [];
  // In a code span, so that the audit line does not mention (and notify) the person.
  if (event.by) parts.push(`by \`@${event.by}\``);
  if (event.job) parts.push(`from ${link(`job #${event.job.id}`, event.job.url)}`);
  if (event.pipeline)
    parts.push(`in ${link(`pipeline #${event.pipeline.id}`, event.pipeline.url)}`);
  parts.push(`at ${event.at.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC")}`);
  return `Run ${parts.join(" ")}.`;
}

function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

/**
 * Free text from people or errors, made inert: no HTML (so no fake marker comment), no quick
 * action at a line start (GitLab would run "/close" in a note), no mention.
 */
function text(value: string): string {
  return value
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/^\//gm, "\\/")
    .replace(/@/g, "@\u200b");
}

/** Table cells are one line; a pipe would end the cell. */
function oneLine(value: string): string {
  return text(value).replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 200);
}
