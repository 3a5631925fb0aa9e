// Recognising items without a ChatOps command: first what only a person can do (never
// ticked), then the checks a phase verifies (an `Intent`). Each rule is (sections, wording) ->
// meaning; the wording patterns keep to the few words that survived the template's many
// rewrites ("merged to master" / "merged to `main`" / "merged to the default branch", ...).

import type { Intent } from "../engine/facts.js";
import type { Phase, SectionKind } from "./types.js";
import { withoutChannels } from "./wording.js";

interface IntentRule {
  /** Sections the rule applies in; "any" when the wording alone is specific enough. */
  sections: readonly SectionKind[] | "any";
  text: RegExp;
  /** Wording that looks alike but means something else. */
  unless?: RegExp;
  intent: Intent;
  /**
   * Checked before the rules of a person's work (HUMAN_RULES): the words of those rules
   * ("changelog", "next milestone", "related issue") mean a step the run does in these sections.
   */
  beforePerson?: true;
}

/** Checked in order; the first match wins. */
export const INTENT_RULES: readonly IntentRule[] = [
  {
    // "Add a changelog entry" under the MR's item: verified by the `Changelog:` trailer in the
    // merged MR's commits. Deciding which entry, or whether one is needed, is a person's.
    sections: ["release", "cleanup"],
    text: /^(add|create)\b[^.]*\bchangelog entry\b/i,
    unless: /\b(decide|whether|review)\b/i,
    intent: "changelog-entry",
    beforePerson: true,
  },
  {
    // "Set the next milestone on this rollout issue" / "Move this issue to the next milestone".
    sections: ["release"],
    text: /\bnext milestone\b/i,
    intent: "next-milestone-set",
    beforePerson: true,
  },
  {
    // "(Optional) Open a separate issue", and its steps: "Set its title to ...", "Run the
    // /copy_metadata quick action there", "Link this rollout issue as a related issue".
    sections: ["release"],
    text: /\bseparate issue\b|\bits title\b|\bcopy_metadata\b|\brelated issue\b/i,
    unless: /\bclos(e|ing)\b/i,
    intent: "cleanup-issue-opened",
    beforePerson: true,
  },
  {
    sections: "any",
    text: /\bclos(e|ing)\b.*\b(feature|main) issue\b/i,
    intent: "feature-issue-closed",
  },
  {
    // The runner project's cleanup template: "Close this feature flag cleanup issue".
    sections: "any",
    text: /\bclos(e|ing)\b.*\bcleanup issue\b/i,
    intent: "cleanup-issue-closed",
  },
  {
    sections: "any",
    text: /\bclos(e|ing)\b.*\b(this|the) (rollout )?issue\b|\bclose (this )?rollout issue\b/i,
    intent: "rollout-issue-closed",
  },
  {
    sections: "any",
    text: /\bincluded in (the|a) release\b|\brelease package\b|\brelease check\b/i,
    intent: "release-included",
  },
  {
    sections: ["release"],
    text: /\b(create|open)\b.*\b(merge request|mr)\b|\b(set|change)\b.*\bdefault[_ ](enabled|state)\b/i,
    intent: "default-enabled-mr",
  },
  {
    sections: ["cleanup"],
    text: /\b(create|open)\b.*\b(merge request|mr)\b|\b(merge request|mr)\b.*\b(created|opened)\b|\b(yaml|flag) definitions?\b/i,
    intent: "cleanup-mr",
  },
  {
    // Verified by a code search of the default branch once the cleanup MR is merged.
    sections: ["cleanup"],
    text: /\breferences? to the (feature )?flag\b|\bremove\b.*\bfrom the code(base)?\b/i,
    intent: "code-references-removed",
  },
  {
    sections: ["cleanup"],
    text: /\b(landed|deployed)\b.*\b(production|gitlab\.com)\b|\bcleanup (mr|merge request)\b.*\bdeployed\b/i,
    // "Deployed by the code cutoff" (the runner's template) is about making a release, which a
    // production deployment does not show: a person's.
    unless: /\bdeployed (by|at) the code cut-?off\b/i,
    intent: "cleanup-deployed",
  },
  {
    sections: "any",
    text: /\bmerged?\b.*\b(master|main|default branch)\b|\b(mr|merge request)s?\b.*\b(is|are|been|was) merged\b/i,
    unless: /\bcreate\b|\bopen\b/i,
    intent: "mr-merged",
  },
  {
    sections: "any",
    text: /\bdeployed\b.*\bnon-?production\b|\bnon-?production\b.*\bdeployed\b/i,
    intent: "deployed-non-production",
  },
  {
    sections: "any",
    text: /\bdeployed\b.*\b(production|canary)\b/i,
    intent: "deployed-production",
  },
  {
    sections: ["non-production"],
    text: /\bdeployed\b/i,
    intent: "deployed-non-production",
  },
  {
    sections: "any",
    text: /\bmilestone\b/i,
    unless: /\bnext milestone\b/i,
    intent: "milestone-set",
  },
  {
    sections: "any",
    text: /\bchange[- ]management\b|\bchange request issue\b/i,
    intent: "change-issue-linked",
  },
  {
    sections: "any",
    text: /\bestimated time\b|\beta\b|\bwhen (this|the feature|it) will be enabled\b/i,
    intent: "feature-issue-eta",
  },
  {
    sections: "any",
    text: /\b(comment|announc\w*|tell|inform)\b.*\b(globally enabled|enabled globally|has been (fully )?enabled|is (now )?(fully )?enabled|on for everyone)\b/i,
    intent: "feature-issue-global",
  },
  {
    sections: "any",
    text: /\bat least (one|1|a) (full )?day\b|\bwait\b.*\bday\b|\b24 ?h(ours)?\b/i,
    intent: "soaked-one-day",
  },
];

/** Work only a person can do or judge. Checked before the intents. */
export const HUMAN_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\bverify (that )?the feature (works|is working|behaves)|\bworks? (correctly|for|on)\b|\bas expected\b|\bqa\b/i,
    "verifying the feature",
  ],
  [
    /\bmonitor|\bgraphs?\b|\bdashboards?\b|\bobserve\b|\berror rates?\b|\bsentry\b/i,
    "watching graphs",
  ],
  [/\bavailable\b|\bon[- ]?call\b/i, "being available"],
  [/\bdocumentation\b|\bversion history\b/i, "documentation"],
  [/\bbreaking changes?\b|\bdeprecation/i, "announcing breaking changes"],
  [/\bnotify\b|\bcross[- ]?post|\bslack\b|\bsupport_gitlab/i, "notifying channels"],
  [/\bchangelog\b/i, "changelog"],
  [/\bend-to-end\b|\be2e\b|\bavoid blocking\b/i, "end-to-end test follow-up"],
  [
    /\bnext milestone\b|\bseparate issue\b|\bcopy_metadata\b|\bset the title\b|\brelated issue\b/i,
    "issue housekeeping",
  ],
  [/\bcoordinate\b/i, "coordinating with people"],
  [/\breviewed by\b/i, "a review by a person"],
  [/\bscreenshots?\b|\bpost(ing)? the (qa )?results?\b/i, "reporting results"],
];

export function intentFor(section: SectionKind, text: string): Intent | undefined {
  const plain = withoutChannels(text);
  return INTENT_RULES.find((rule) => matches(rule, section, plain))?.intent;
}

/** The intent of a rule that is checked before a person's work (`beforePerson`), if one matches. */
export function intentBeforePerson(section: SectionKind, text: string): Intent | undefined {
  const plain = withoutChannels(text);
  return INTENT_RULES.find((rule) => rule.beforePerson && matches(rule, section, plain))?.intent;
}

/**
 * Whether `intentFor` gives `intent`, answered without testing every rule where no rule for
 * `intent` matches (the usual case).
 */
export function isIntent(section: SectionKind, text: string, intent: Intent): boolean {
  const own = INTENT_RULES.filter((rule) => rule.intent === intent);
  const plain = withoutChannels(text);
  return own.some((rule) => matches(rule, section, plain)) && intentFor(section, text) === intent;
}

function matches(rule: IntentRule, section: SectionKind, text: string): boolean {
  if (rule.sections !== "any" && !rule.sections.includes(section)) return false;
  return rule.text.test(text) && !rule.unless?.test(text);
}

/**
 * A flag change and a person's check in one item ("Enable on GitLab.com for the groups above
 * and verify behaviour (`/chatops ...`)"): the run cannot vouch for the second half, so the
 * item is a person's even though its command is known.
 */
const AND_VERIFY = /\band (verify|test|check)\b/i;

export function compoundWithPerson(text: string): boolean {
  return AND_VERIFY.test(text);
}

export function humanReason(text: string): string | undefined {
  for (const [pattern, reason] of HUMAN_RULES) if (pattern.test(text)) return reason;
  return undefined;
}

/** The phase whose run verifies each intent. */
export const INTENT_PHASES: Readonly<Record<Intent, Phase>> = {
  "mr-merged": "non-production",
  "deployed-non-production": "non-production",
  "deployed-production": "production-actors",
  "milestone-set": "prepare",
  "change-issue-linked": "prepare",
  "feature-issue-eta": "prepare",
  "feature-issue-global": "global",
  // Assumption: the release phase is where "at least a day fully on" is checked.
  "soaked-one-day": "release",
  "default-enabled-mr": "release",
  "release-included": "release",
  "next-milestone-set": "release",
  "cleanup-issue-opened": "release",
  // Either MR's: the section decides (intentPhase); outside those sections no rule gives it.
  "changelog-entry": "cleanup",
  "cleanup-mr": "cleanup",
  "cleanup-deployed": "cleanup",
  "code-references-removed": "cleanup",
  "feature-issue-closed": "cleanup",
  "rollout-issue-closed": "cleanup",
  "cleanup-issue-closed": "cleanup",
  // Every generation's cross-post item follows the command that enables the flag for everyone.
  "cross-posted": "global",
  // The announcement goes out when the production rollout is prepared, before its percentages.
  announced: "prepare",
  // Proven when global is taken, from the soaks recorded before it (engine/soak-proof.ts).
  "soaks-watched": "global",
};

/**
 * "Cross-post the chatops command to #support_gitlab-com and to your team channel": done by the
 * global run's notification, when one is configured (MatchContext.notify). Announcing ahead
 * ("notify #support_gitlab-com and your team channel") is not this: it stays a person's.
 */
const CROSS_POST = /\bcross[- ]?post\b.*\b(command|change)\b/i;

export function isCrossPost(text: string): boolean {
  return CROSS_POST.test(text);
}

/**
 * "Notify `#support_gitlab-com` and your team channel" / "Let #support_gitlab-com and the team
 * channel know": telling support ahead of the change, which the prepare run's announcement does
 * when a destination wants it (MatchContext.announce). Checked after the cross-post.
 */
const ANNOUNCE = /\b(notify|let|tell|inform)\b.*\bsupport|\bsupport\b.*\bknows?\b/i;

export function isAnnouncement(text: string): boolean {
  return ANNOUNCE.test(text);
}

/** The phase that verifies an intent; the optional release and cleanup sections keep their own. */
export function intentPhase(intent: Intent, section: SectionKind): Phase {
  if (section === "release" || section === "cleanup") return section;
  return INTENT_PHASES[intent];
}
