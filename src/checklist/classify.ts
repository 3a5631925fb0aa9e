// classifyItems: what each checkbox of the rollout issue is (a command, a verified intent,
// work for a person, a group of sub-items, or unknown) and which phase would tick it, so that
// `status` can show what waits for a person and what the next play button will do.

import { parseChatopsCommands } from "./commands.js";
import { commandMeaning } from "./effects.js";
import { humanReason, intentFor, intentPhase, isIntent } from "./intents.js";
import { markerMeaning } from "./markers.js";
import { parseTaskList } from "./parse.js";
import { GATED_SECTIONS, sectionOf, sectionPhase } from "./sections.js";
import type {
  ChatopsCommand,
  ItemClassification,
  MatchContext,
  Phase,
  Requirement,
  SectionKind,
  TaskItem,
} from "./types.js";
import { PHASES } from "./types.js";
import { wordingRequirements } from "./wording.js";

const EFFECTFUL = new Set<ChatopsCommand["kind"]>([
  "feature-set",
  "feature-delete",
  "auto-deploy-status",
  "release-check",
]);

export function classifyItems(markdown: string, ctx: MatchContext): ItemClassification[] {
  const items = parseTaskList(markdown);
  const result = items.map((item) => classifyItem(item, ctx));
  // Children come after their parent, so walk backwards to know the children first.
  for (let i = result.length - 1; i >= 0; i--) {
    const own = result[i];
    if (own?.kind !== "unknown" || own.item.children.length === 0 || own.item.marker) continue;
    const children = own.item.children.flatMap((child) => result[child] ?? []);
    result[i] = {
      ...own,
      kind: "group",
      applicable: own.applicable && children.some((child) => child.applicable),
      phase: latestPhase(children.flatMap((child) => child.phase ?? [])) ?? own.phase,
      reason: "groups the task items under it",
    };
  }
  return result;
}

export function classifyItem(item: TaskItem, ctx: MatchContext): ItemClassification {
  const section = sectionOf(item.headings);
  const base: ItemClassification = {
    item,
    kind: "unknown",
    section,
    applicable: !item.inapplicable,
    requirements: [],
    reason: item.inapplicable ? "marked inapplicable ([~])" : "not recognised",
  };
  const fallbackPhase = sectionPhase(section);
  if (fallbackPhase) base.phase = fallbackPhase;
  if (item.marker) return fromMarker(base, item.marker, ctx);

  const fromCommands = byCommands(base, item, ctx);
  if (fromCommands) return fromCommands;
  const human = humanReason(item.text);
  if (human) return { ...base, kind: "human", reason: `only a person can do this (${human})` };
  const intent = intentFor(section, item.text);
  if (intent) {
    const requirements: Requirement[] = [{ kind: "intent", intent }];
    return {
      ...base,
      kind: "intent",
      intent,
      requirements,
      phase: intentPhase(intent, section),
      reason: "wording",
    };
  }
  const worded = wordingRequirements(item.text, section, ctx);
  if (worded) {
    return {
      ...base,
      kind: "command",
      requirements: worded,
      phase: phaseOf(worded, section),
      reason: "wording",
    };
  }
  if (isConditional(item)) {
    return {
      ...base,
      kind: "human",
      reason: "a conditional step: a person decides whether it applies",
    };
  }
  return base;
}

/** "If ... fails:" steps (in the item or in a plain item above it) are remedies, not steps. */
export function isConditional(item: TaskItem): boolean {
  return [item.text, ...item.plainAncestors].some((text) => /^if\b/i.test(text));
}

function fromMarker(base: ItemClassification, id: string, ctx: MatchContext): ItemClassification {
  const meaning = markerMeaning(id, ctx);
  const reason = `marker ${id}`;
  switch (meaning.kind) {
    case "human":
      return { ...base, kind: "human", reason };
    case "intent":
      return {
        ...base,
        kind: "intent",
        intent: meaning.intent,
        requirements: meaning.requirements,
        phase: meaning.phase,
        reason,
      };
    case "command":
      return {
        ...base,
        kind: "command",
        requirements: meaning.requirements,
        phase: meaning.phase,
        applicable: base.applicable && meaning.requirements.length > 0,
        reason,
      };
    default:
      return { ...base, reason: `unknown marker ${id}` };
  }
}

/** Commands in the item's text, else in its code blocks, else in its plain sub-items (examples). */
function byCommands(
  base: ItemClassification,
  item: TaskItem,
  ctx: MatchContext,
): ItemClassification | undefined {
  // Most items have no command anywhere; spare them the work below.
  if (!mentionsChatops(item)) return undefined;
  const sources: Array<[string, string, boolean]> = [
    [item.text, "command", false],
    [item.code.join("\n"), "command in the code block after it", false],
    [item.subItems.join("\n"), "command in its sub-items", true],
  ];
  for (const [text, reason, asExample] of sources) {
    const commands = parseChatopsCommands(text).filter((command) => EFFECTFUL.has(command.kind));
    if (commands.length === 0) continue;
    const around = `${item.text} ${item.context[item.context.length - 1] ?? ""}`;
    const meanings = commands.map((command) => ({
      command,
      meaning: commandMeaning(command, base.section, around, ctx, asExample),
    }));
    const applying = meanings.filter(({ meaning }) => meaning.applies);
    const first = applying[0] ?? meanings[0];
    if (!first) continue;
    if (applying.length === 0) {
      // Examples for another actor type say nothing of the item itself: read its words instead.
      if (asExample) return undefined;
      const why = first.meaning.applies ? "" : first.meaning.why;
      return {
        ...base,
        kind: "command",
        command: first.command,
        applicable: false,
        reason: `does not apply: ${why}`,
      };
    }
    const requirements = applying.flatMap(({ meaning }) =>
      meaning.applies ? meaning.requirements : [],
    );
    // "Verify the MR is merged to master and deployed with `auto_deploy status`" says both.
    if (isIntent(base.section, item.text, "mr-merged")) {
      requirements.push({ kind: "intent", intent: "mr-merged" });
    }
    const intent = requirements.find((r) => r.kind === "intent");
    const classification: ItemClassification = {
      ...base,
      kind: "command",
      command: first.command,
      requirements,
      phase: phaseOf(requirements, base.section),
      reason,
    };
    if (intent?.kind === "intent") classification.intent = intent.intent;
    return classification;
  }
  return undefined;
}

function mentionsChatops(item: TaskItem): boolean {
  const has = (text: string) => text.includes("/chatops");
  return has(item.text) || item.code.some(has) || item.subItems.some(has);
}

/** The phase that would tick an item with these requirements: the latest one they need. */
export function phaseOf(
  requirements: readonly Requirement[],
  section: SectionKind,
): Phase | undefined {
  if (GATED_SECTIONS.has(section)) return sectionPhase(section);
  return latestPhase(requirements.map((requirement) => requirementPhase(requirement, section)));
}

function requirementPhase(requirement: Requirement, section: SectionKind): Phase {
  if (requirement.kind === "intent") return intentPhase(requirement.intent, section);
  const { where, target } = requirement;
  const onProduction =
    where.kind === "all" || (where.kind === "named" && where.instances.includes("production"));
  switch (target.kind) {
    case "off":
      return "rollback";
    case "deleted":
      return "cleanup";
    case "on":
      return onProduction ? "global" : "non-production";
    case "actors":
      return onProduction ? "production-actors" : "non-production";
    case "percentage":
      return onProduction ? "rollout" : "non-production";
  }
}

function latestPhase(phases: readonly Phase[]): Phase | undefined {
  let latest: Phase | undefined;
  for (const phase of phases) {
    if (latest === undefined || PHASES.indexOf(phase) > PHASES.indexOf(latest)) latest = phase;
  }
  return latest;
}
