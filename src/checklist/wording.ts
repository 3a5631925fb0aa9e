// Flag effects stated in plain words, for items that carry no command: the oldest issues
// have "Enable on staging", "Enable on GitLab.com for testing groups/projects",
// "Clean up the feature flag from all environments", "Roll out to 25%". Only enabling,
// disabling, deleting and percentages are read; anything vaguer is left to a person.

import type { ChatopsInstance } from "../engine/facts.js";
import type { FlagTarget, InstanceSet, MatchContext, Requirement, SectionKind } from "./types.js";

const ENABLE = /\b(enable|turn on|switch on|roll(ing)? ?out|rollout)\b/i;
const DISABLE = /\b(disable|turn off|switch off)\b/i;
const DELETE = /\b(delete|remove|clean(ing)? ?up)\b.*\b(flag|feature)\b/i;
const SERIES = /\bincremental(ly)?\b|\bgradual(ly)?\b|\bpercentages?\b/i;
const PERCENT = /\b(\d+(?:\.\d+)?) ?%/;
const ACTORS =
  /\b(actors?|projects?|groups?|users?|namespaces?|repositor(y|ies)|entries|specific|testing groups)\b/i;
const GLOBAL = /\bglobal(ly)?\b|\beveryone\b|\ball users\b|\bfully\b|\b100 ?%/i;

/** Instance words, most specific first ("staging-ref" before "staging"). */
const INSTANCE_WORDS: ReadonlyArray<readonly [RegExp, ChatopsInstance]> = [
  [/\bstaging-ref\b/i, "staging-ref"],
  [/\bstaging\b(?!-ref)/i, "staging"],
  [/\bdev\b/i, "dev"],
  [/\bpre(prod)?\b(?!-)/i, "pre"],
  [/\bops\b/i, "ops"],
  [/(?<!non[- ]?)\bproduction\b|\bgitlab\.com\b|\bprod\b/i, "production"],
];

/**
 * The text without Slack channel names (`#production`, `` `#g_team` ``): "run the command in
 * `#production`" names where a person types it, not the instance it changes, nor a deployment.
 * Markdown anchors (`(#release-the-feature)`) go too; they carry no meaning here.
 */
export function withoutChannels(text: string): string {
  return text.includes("#") ? text.replace(/`?#[A-Za-z][\w-]*`?/g, "") : text;
}

/** Requirements stated in words, or undefined when the text states no flag change. */
export function wordingRequirements(
  words: string,
  section: SectionKind,
  ctx: MatchContext,
): Requirement[] | undefined {
  const text = withoutChannels(words);
  const where = instancesIn(text);
  if (DELETE.test(text))
    return [{ kind: "flag", where: where ?? { kind: "all" }, target: { kind: "deleted" } }];
  if (DISABLE.test(text)) {
    // Outside the rollback steps a "disable" is a remedy for a problem, not a step.
    if (section !== "rollback") return undefined;
    return [{ kind: "flag", where: where ?? production(), target: { kind: "off" } }];
  }
  if (!ENABLE.test(text)) return undefined;
  // "Enable for everyone" names no instance but means production, whatever the section.
  const resolved = where ?? (GLOBAL.test(text) ? production() : defaultWhere(section));
  const target = enableTarget(text, resolved, ctx);
  return target ? [{ kind: "flag", where: resolved, target }] : undefined;
}

function enableTarget(text: string, where: InstanceSet, ctx: MatchContext): FlagTarget | undefined {
  const of = ctx.actorType === "none" ? "time" : "actors";
  const percent = PERCENT.exec(text);
  if (percent && Number(percent[1]) < 100)
    return { kind: "percentage", of, value: Number(percent[1]) };
  if (SERIES.test(text)) return { kind: "percentage", of, value: "series" };
  if (GLOBAL.test(text)) return { kind: "on" };
  const onProduction = where.kind === "named" && where.instances.includes("production");
  if (onProduction && ACTORS.test(text)) {
    // "Enable for testing groups/projects": whichever actor type the flag is configured with.
    return ctx.actorType === "none" ? undefined : { kind: "actors", actorType: ctx.actorType };
  }
  return { kind: "on" };
}

function instancesIn(text: string): InstanceSet | undefined {
  if (
    /\ball (environments|instances)\b|\beverywhere\b|\bevery (environment|instance)\b/i.test(text)
  ) {
    return { kind: "all" };
  }
  if (/\bnon[- ]?production\b/i.test(text)) return { kind: "non-production" };
  const named = INSTANCE_WORDS.filter(([pattern]) => pattern.test(text)).map(([, name]) => name);
  if (named.length > 0) return { kind: "named", instances: named };
  return undefined;
}

function defaultWhere(section: SectionKind): InstanceSet {
  return section === "non-production" ? { kind: "non-production" } : production();
}

function production(): InstanceSet {
  return { kind: "named", instances: ["production"] };
}
