// classifyItem: what one checkbox is, from its marker, its ChatOps commands or its wording, and
// which phase would tick it. classify.ts calls it once per distinct item (see classify-memo.ts).
//
// Each function starts from a fresh `base` classification and fills in its fields as it
// returns, instead of spreading it into a new object: spreading these objects is slow, and
// setting the fields in the order the spreads listed them keeps their key order.

import { isConditional, mentionsChatops } from "./classify-memo.js";
import { parseChatopsCommands } from "./commands.js";
import { commandMeaning } from "./effects.js";
import {
  compoundWithPerson,
  humanReason,
  intentBeforePerson,
  intentFor,
  intentPhase,
  isAnnouncement,
  isCrossPost,
  isIntent,
} from "./intents.js";
import { markerMeaning } from "./markers.js";
import { GATED_SECTIONS, sectionPhase } from "./sections.js";
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

/** The classification of `item`, which is in `section` (`sectionOf(item.headings)`). */
export function classifyItem(
  item: TaskItem,
  section: SectionKind,
  ctx: MatchContext,
): ItemClassification {
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
  if (section === "plan") {
    base.kind = "human";
    base.reason = "a choice in the rollout plan, not a step";
    return base;
  }
  if (compoundWithPerson(item.text)) {
    base.kind = "human";
    base.reason = "a step and a person's check in one item";
    return base;
  }

  if (byCommands(base, item, ctx)) return base;
  if (ctx.notify && isCrossPost(item.text)) {
    // With notifications configured the global run's own message is the cross-post; without,
    // the item is a person's (the human rules below say so).
    base.kind = "intent";
    base.intent = "cross-posted";
    base.requirements = [{ kind: "intent", intent: "cross-posted" }];
    base.phase = intentPhase("cross-posted", section);
    base.reason = "wording: the notification of the global run is the cross-post";
    return base;
  }
  if (ctx.announce && isAnnouncement(item.text)) {
    base.kind = "intent";
    base.intent = "announced";
    base.requirements = [{ kind: "intent", intent: "announced" }];
    base.phase = intentPhase("announced", section);
    base.reason = "wording: the prepare run's announcement tells the channels";
    return base;
  }
  const human = intentBeforePerson(section, item.text) ? undefined : humanReason(item.text);
  if (human) {
    base.kind = "human";
    base.reason = `only a person can do this (${human})`;
    return base;
  }
  const intent = intentFor(section, item.text);
  // "After the flag removal is deployed, clean up the flag": a delete, not a deployment check.
  const deletion =
    intent && DEPLOYMENT_INTENTS.has(intent) ? deleteRequirements(item, section, ctx) : undefined;
  if (intent && !deletion) {
    base.kind = "intent";
    base.intent = intent;
    base.requirements = [{ kind: "intent", intent }];
    base.phase = intentPhase(intent, section);
    base.reason = "wording";
    return base;
  }
  if (isConditional(item)) {
    // "If the flag has an actor, enable it for ...": the task items under it say what to do;
    // without any, whether the step applies is a person's call.
    if (item.children.length > 0) return base;
    base.kind = "human";
    base.reason = "a conditional step: a person decides whether it applies";
    return base;
  }
  const worded = deletion ?? wordingRequirements(item.text, section, ctx);
  if (worded) {
    base.kind = "command";
    base.requirements = worded;
    base.phase = phaseOf(worded, section);
    base.reason = "wording";
    return base;
  }
  return base;
}

const DEPLOYMENT_INTENTS: ReadonlySet<string> = new Set([
  "deployed-non-production",
  "deployed-production",
  "cleanup-deployed",
]);

/** The item's wording when it states a deletion of the flag, else undefined. */
function deleteRequirements(
  item: TaskItem,
  section: SectionKind,
  ctx: MatchContext,
): Requirement[] | undefined {
  const worded = wordingRequirements(item.text, section, ctx);
  return worded?.some((r) => r.kind === "flag" && r.target.kind === "deleted") ? worded : undefined;
}

function fromMarker(base: ItemClassification, id: string, ctx: MatchContext): ItemClassification {
  const meaning = markerMeaning(id, ctx);
  const reason = `marker ${id}`;
  switch (meaning.kind) {
    case "human":
      base.kind = "human";
      break;
    case "intent":
      base.kind = "intent";
      base.intent = meaning.intent;
      base.requirements = meaning.requirements;
      base.phase = meaning.phase;
      break;
    case "command":
      base.kind = "command";
      base.requirements = meaning.requirements;
      base.phase = meaning.phase;
      base.applicable = base.applicable && meaning.requirements.length > 0;
      break;
    default:
      base.reason = `unknown marker ${id}`;
      return base;
  }
  base.reason = reason;
  return base;
}

/**
 * Commands in the item's text, else in its code blocks, else in its plain sub-items
 * (examples). Fills in `base` and returns true when they say what the item is.
 */
function byCommands(base: ItemClassification, item: TaskItem, ctx: MatchContext): boolean {
  // Most items have no command anywhere; spare them the work below.
  if (!mentionsChatops(item)) return false;
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
      if (asExample) return false;
      base.kind = "command";
      base.command = first.command;
      base.applicable = false;
      base.reason = `does not apply: ${first.meaning.applies ? "" : first.meaning.why}`;
      return true;
    }
    const requirements = applying.flatMap(({ meaning }) =>
      meaning.applies ? meaning.requirements : [],
    );
    // "Verify the MR is merged to master and deployed with `auto_deploy status`" says both.
    if (isIntent(base.section, item.text, "mr-merged")) {
      requirements.push({ kind: "intent", intent: "mr-merged" });
    }
    const intent = requirements.find((r) => r.kind === "intent");
    base.kind = "command";
    base.command = first.command;
    base.requirements = requirements;
    base.phase = phaseOf(requirements, base.section);
    base.reason = reason;
    if (intent?.kind === "intent") base.intent = intent.intent;
    return true;
  }
  return false;
}

/** The phase that would tick an item with these requirements: the latest one they need. */
function phaseOf(requirements: readonly Requirement[], section: SectionKind): Phase | undefined {
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

export function latestPhase(phases: readonly Phase[]): Phase | undefined {
  let latest: Phase | undefined;
  for (const phase of phases) {
    if (latest === undefined || PHASES.indexOf(phase) > PHASES.indexOf(latest)) latest = phase;
  }
  return latest;
}
