// What a ChatOps command in an item asks of the world, and whether facts show it holds.

import type { ChatopsInstance, Fact, Intent } from "../engine/facts.js";
import { flagName } from "./placeholders.js";
import type {
  ChatopsCommand,
  FlagTarget,
  InstanceSet,
  MatchContext,
  Requirement,
  SectionKind,
} from "./types.js";

export type CommandMeaning =
  /** The item's effect, when the command applies to this configuration. */
  | { applies: true; requirements: Requirement[] }
  /** An alternative for another actor type, another flag, or no effect we can check. */
  | { applies: false; why: string };

/**
 * The requirements of one command. `asExample`: the command sits in a plain sub-item
 * ("Example: ... 10 --actors"), so a percentage in it stands for the whole series.
 */
export function commandMeaning(
  command: ChatopsCommand,
  section: SectionKind,
  context: string,
  ctx: MatchContext,
  asExample: boolean,
): CommandMeaning {
  switch (command.kind) {
    case "auto-deploy-status":
      return intentMeaning(deploymentIntent(section, context));
    case "release-check":
      return intentMeaning("release-included");
    case "feature-get":
    case "other":
      return { applies: false, why: `\`${command.raw}\` changes nothing` };
    case "feature-delete":
    case "feature-set": {
      if (!command.flag.placeholder && flagName(command.flag.text) !== ctx.flag) {
        return { applies: false, why: `it is about flag ${command.flag.text}` };
      }
      const where: InstanceSet = { kind: "named", instances: command.instances };
      if (command.kind === "feature-delete") {
        return {
          applies: true,
          requirements: [{ kind: "flag", where, target: { kind: "deleted" } }],
        };
      }
      const target = setTarget(command, ctx, asExample);
      return "why" in target
        ? { applies: false, why: target.why }
        : { applies: true, requirements: [{ kind: "flag", where, target }] };
    }
  }
}

function intentMeaning(intent: Intent | undefined): CommandMeaning {
  return intent
    ? { applies: true, requirements: [{ kind: "intent", intent }] }
    : { applies: false, why: "no phase verifies this deployment" };
}

/** `auto_deploy status` checks a deployment; which one the section and the surrounding text say. */
function deploymentIntent(section: SectionKind, context: string): Intent | undefined {
  if (section === "cleanup") return "cleanup-deployed";
  if (section === "release" || section === "rollback") return undefined;
  if (/\bnon-?production\b/i.test(context)) return "deployed-non-production";
  if (/\bproduction\b|\bcanary\b/i.test(context)) return "deployed-production";
  return section === "non-production" ? "deployed-non-production" : "deployed-production";
}

function setTarget(
  command: Extract<ChatopsCommand, { kind: "feature-set" }>,
  ctx: MatchContext,
  asExample: boolean,
): FlagTarget | { why: string } {
  const [selection, ...more] = command.actors;
  if (selection) {
    // Off for some actors is contained in off for everyone, whatever the configured type.
    if (command.value.kind === "boolean" && !command.value.value) return { kind: "off" };
    if (more.some((other) => other.type !== selection.type)) return { why: "it mixes actor types" };
    if (ctx.actorType === "none") return { why: `it is the ${selection.type}-actor alternative` };
    if (selection.type !== "any" && selection.type !== ctx.actorType)
      return { why: `it is the ${selection.type}-actor alternative` };
    const named = selection.actors.filter((a) => !a.placeholder).map((a) => a.text);
    return named.length > 0
      ? { kind: "actors", actorType: ctx.actorType, named }
      : { kind: "actors", actorType: ctx.actorType };
  }
  const value = command.value;
  if (value.kind === "boolean") return value.value ? { kind: "on" } : { kind: "off" };
  if (value.kind === "invalid") return { why: `"${value.text}" is not a value` };
  if (value.kind === "percentage" && value.value >= 100) return { kind: "on" };
  if (value.kind === "percentage" && value.value <= 0) return { kind: "off" };
  // Without --actors or --random, old ChatOps rolled out by time.
  const of = command.percentageOf ?? "time";
  if (of === "actors" && ctx.actorType === "none") return { why: "it is the --actors alternative" };
  if (of === "time" && ctx.actorType !== "none") return { why: "it is the --random alternative" };
  if (value.kind === "placeholder" || asExample) {
    // On production the placeholder stands for the configured series; elsewhere for the one
    // step the template asks for, at whatever percentage the run chose.
    return {
      kind: "percentage",
      of,
      value: command.instances.includes("production") ? "series" : "any",
    };
  }
  return { kind: "percentage", of, value: value.value };
}

/** Whether the facts show a requirement holds. */
export function holds(
  requirement: Requirement,
  facts: readonly Fact[],
  ctx: MatchContext,
): boolean {
  if (requirement.kind === "intent") {
    return facts.some((fact) => fact.kind === "verified" && fact.intent === requirement.intent);
  }
  const instances = resolveInstances(requirement.where, facts, ctx);
  if (instances.length === 0) return false;
  const mine = facts.filter((fact) => fact.kind !== "verified" && fact.flag === ctx.flag);
  return instances.every((instance) => instanceHolds(requirement.target, instance, mine, ctx));
}

function resolveInstances(
  where: InstanceSet,
  facts: readonly Fact[],
  ctx: MatchContext,
): ChatopsInstance[] {
  const configured = ctx.instances;
  if (where.kind === "named") {
    // Instances the configuration does not have (a template naming --pre, say) are not required.
    return where.instances.filter((i) => !configured || configured.includes(i));
  }
  const known = configured ?? [
    ...new Set(facts.flatMap((fact) => (fact.kind === "verified" ? [] : [fact.instance]))),
  ];
  if (where.kind === "all") return known;
  return known.filter((instance) => instance !== "production" && instance !== "ops");
}

function instanceHolds(
  target: FlagTarget,
  instance: ChatopsInstance,
  facts: readonly Fact[],
  ctx: MatchContext,
): boolean {
  const here = facts.filter((fact) => fact.kind !== "verified" && fact.instance === instance);
  const fullyOn = here.some(
    (fact) =>
      (fact.kind === "flag-boolean" && fact.value) ||
      (fact.kind === "flag-percentage" && fact.of === "time" && fact.percentage >= 100),
  );
  switch (target.kind) {
    case "on":
      return fullyOn;
    case "off":
      return here.some((fact) => fact.kind === "flag-boolean" && !fact.value);
    case "deleted":
      return here.some((fact) => fact.kind === "flag-deleted");
    case "actors": {
      const wanted = target.named ?? ctx.actors;
      return here.some(
        (fact) =>
          fact.kind === "flag-actors" &&
          fact.actorType === target.actorType &&
          fact.actors.length > 0 &&
          wanted.every((actor) => fact.actors.includes(actor)),
      );
    }
    case "percentage": {
      // Only a percentage set there: fully on is not "at a percentage", and an item that asks for
      // a percentage step is not done by a run that skipped the step. A series is done when its
      // last step is reached, a step when it or more is reached.
      if (target.value === "series" && ctx.percentages.length === 0) return false;
      const needed =
        target.value === "series"
          ? Math.max(0, ...ctx.percentages)
          : target.value === "any"
            ? 0
            : target.value;
      return here.some(
        (fact) =>
          fact.kind === "flag-percentage" && fact.of === target.of && fact.percentage >= needed,
      );
    }
  }
}

/** Facts that show a phase of a gated section ran (see sections.ts). */
export function sectionEvidence(section: SectionKind, facts: readonly Fact[]): boolean {
  const verified = (intent: Intent) =>
    facts.some((fact) => fact.kind === "verified" && fact.intent === intent);
  switch (section) {
    case "release":
      return verified("default-enabled-mr");
    case "cleanup":
      return (
        verified("cleanup-mr") ||
        verified("cleanup-deployed") ||
        facts.some((fact) => fact.kind === "flag-deleted")
      );
    case "rollback":
      return facts.some((fact) => fact.kind === "flag-boolean" && !fact.value);
    default:
      return true;
  }
}
