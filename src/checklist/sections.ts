// Which part of the rollout a section of the issue is, from its heading. Headings have been
// reworded across template generations ("Priliminary tasks before global rollout on
// production", "Preparation before production rollout", "Preparation before global rollout",
// "Release the feature" for cleanup, "Cleanup", ...), so the patterns look for the few words
// that stayed. The innermost heading that says something decides.

import type { Phase, SectionKind } from "./types.js";

/** Checked in order: the first match wins (e.g. "(Optional) Release ..." before "Release the feature"). */
const SECTION_PATTERNS: ReadonlyArray<readonly [SectionKind, RegExp]> = [
  // 2020's "The Rollout Plan" had checkboxes: which kinds of rollout the person chose.
  ["plan", /\broll[- ]?out plan\b/i],
  ["rollback", /\broll[- ]?back\b|\brolling back\b|\bgoes wrong\b|\bgo wrong\b|\brevert/i],
  [
    "release",
    /\(optional\)|\boptional\b.*\b(release|default)|release .*\bwith the (feature )?flag|\bdefault[ _-]?(value|state|enabled|on)\b|change the default/i,
  ],
  [
    "cleanup",
    /\bclean(ing)?[- ]?up\b|\bremov(e|al|ing)\b|^release the feature$|\bdelet(e|ing) the flag|\bretir/i,
  ],
  [
    "non-production",
    /\bnon[- ]?production\b|\bstaging\b|\bpre-?production\b|\bdev(elopment)? (environment|instance)s?\b/i,
  ],
  [
    "prepare",
    /\bprepar|\bpr[ei]liminary\b|\bbefore (the )?(global|production|wide|full|going)|\bpre-?flight\b|\bchecklist before\b/i,
  ],
  ["production-rollout", /\bglobal\b|\bpercentage\b|\bincremental|\bgradual|\beveryone\b/i],
  [
    "production-actors",
    /\bspecific\b|\bactors?\b|\btesting groups\b|\bpartial\b|\bselected\b|\btargeted\b|\bbeta testers\b/i,
  ],
  ["production-rollout", /\bproduction\b|gitlab\.com/i],
];

/**
 * Sections already read, by heading path. The parser gives the items of a section one shared
 * array, so a section's headings are matched once, not once per item (weakly held: no text
 * outlives its items).
 */
const known = new WeakMap<readonly string[], SectionKind>();

export function sectionOf(headings: readonly string[]): SectionKind {
  let kind = known.get(headings);
  if (kind === undefined) {
    kind = readSection(headings);
    known.set(headings, kind);
  }
  return kind;
}

function readSection(headings: readonly string[]): SectionKind {
  for (let i = headings.length - 1; i >= 0; i--) {
    const heading = headings[i] ?? "";
    for (const [kind, pattern] of SECTION_PATTERNS) if (pattern.test(heading)) return kind;
  }
  return "other";
}

/** The phase a section belongs to when nothing more specific is known. */
export function sectionPhase(section: SectionKind): Phase | undefined {
  switch (section) {
    case "production-rollout":
      return "rollout";
    case "other":
    case "plan":
      return undefined;
    default:
      return section;
  }
}

/**
 * Sections of optional or later paths, whose items must not be ticked by another phase's
 * facts even when the effect is the same (the optional release and the cleanup both close the
 * feature issue and delete the flag; rollback steps describe what cleanup also does).
 */
export const GATED_SECTIONS: ReadonlySet<SectionKind> = new Set(["release", "cleanup", "rollback"]);
