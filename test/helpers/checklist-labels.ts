// Labels of a fixture rollout issue: for every checkbox line, the run that ticks it, or
// "person" when no run may (a person's work, a choice, or a line whose meaning is uncertain).
// They live in a sidecar `<fixture>.labels`, one line per checkbox:
//
//   <line>  <label>  <the start of the item's text, to catch a label that drifted>
//
// Blank lines and lines starting with "#" are comments. The expected text after each run is
// the original with exactly the boxes labelled with that run or an earlier one flipped.

import { parseTaskList, type TaskItem } from "../../src/checklist/index.js";

export const NEVER = "person";
/** Ticked only by a rollback of every instance (`run rollback --everywhere`). */
export const ROLLBACK = "rollback";
/**
 * `<run>+notify`: ticked by that run when notifications are configured (its delivered message
 * does what the item asks), a person's otherwise.
 */
export const WITH_NOTIFY = "+notify";

/** The run a label names once notifications are (or are not) configured. */
export function labelRun(label: string, notified: boolean): string {
  if (!label.endsWith(WITH_NOTIFY)) return label;
  return notified ? label.slice(0, -WITH_NOTIFY.length) : NEVER;
}

export interface Label {
  line: number;
  label: string;
  snippet: string;
}

export function parseLabels(source: string, file: string): Label[] {
  const labels: Label[] = [];
  source.split("\n").forEach((raw, i) => {
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    const match = /^(\d+)\s+(\S+)\s+(.+)$/.exec(text);
    if (!match) throw new Error(`${file}:${i + 1}: expected "<line> <label> <text>", got "${raw}"`);
    labels.push({ line: Number(match[1]), label: match[2] ?? "", snippet: match[3] ?? "" });
  });
  return labels;
}

/**
 * Problems with the labels of `markdown`: a checkbox without a label, a label on a line without
 * a checkbox, a snippet the line does not hold, a label naming no run of `runs`.
 */
export function labelProblems(
  markdown: string,
  labels: Label[],
  runs: readonly string[],
): string[] {
  const lines = markdown.split("\n");
  const boxes = new Set(parseTaskList(markdown).map((item) => item.line));
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const { line, label, snippet } of labels) {
    if (seen.has(line)) problems.push(`line ${line} is labelled twice`);
    seen.add(line);
    if (!boxes.has(line)) problems.push(`line ${line} has no checkbox`);
    if (!(lines[line - 1] ?? "").includes(snippet)) {
      problems.push(`line ${line} does not hold "${snippet}"`);
    }
    const run = labelRun(label, true);
    if (run !== NEVER && run !== ROLLBACK && !runs.includes(run)) {
      problems.push(`line ${line}: "${label}" is not a run of this fixture (${runs.join(", ")})`);
    }
  }
  for (const line of boxes) if (!seen.has(line)) problems.push(`line ${line} has no label`);
  return problems;
}

/**
 * Box states expected after run `step` of `runs` (by position among the checkboxes); `notified`:
 * notifications are configured (see WITH_NOTIFY).
 */
export function expectedChecked(
  items: readonly TaskItem[],
  labels: readonly Label[],
  runs: readonly string[],
  step: number,
  notified = false,
): boolean[] {
  const byLine = new Map(labels.map((l) => [l.line, labelRun(l.label, notified)]));
  return items.map((item) => {
    const run = runs.indexOf(byLine.get(item.line) ?? NEVER);
    return item.checked || (run !== -1 && run <= step);
  });
}
