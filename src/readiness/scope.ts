// Which flags the readiness check covers: the configured flag, or with --all every open rollout
// issue (by label) of a project or group, each resolved to its flag: from our audit notes'
// markers (our own notes only), else a `backticked_name` in the title, else the ChatOps commands in the description.
// An issue whose flag cannot be resolved is reported, never skipped in silence.

import { parseChatopsCommands } from "../checklist/index.js";
import { FLAG_NAME } from "../config/schema.js";
import type { Config } from "../config.js";
import { type Trust, trusted } from "../engine/trust.js";
import { ConfigError } from "../errors.js";
import type { Issue, Note } from "../gitlab/issues.js";
import { readMarker } from "../report/marker.js";

export interface Target {
  issue: Issue;
  notes: Note[];
  flag: string | undefined;
  /** Why no flag could be resolved, or which flags competed. */
  unresolved?: string;
}

/** A rollout issue and its notes as a target: with --all, its flag resolved from them. */
export function toTarget(
  issue: Issue,
  notes: Note[],
  config: Config,
  all: boolean,
  trust: Trust,
): Target {
  if (!all) return { issue, notes, flag: config.flag };
  const resolved = resolveFlag(issue, notes, trust);
  return {
    issue,
    notes,
    flag: resolved.flag,
    ...(resolved.unresolved ? { unresolved: resolved.unresolved } : {}),
  };
}

export function scopeOf(config: Config): { project: string } | { group: string } {
  if (config.readiness.group) return { group: config.readiness.group };
  const project = config.readiness.project ?? config.definitionProject;
  if (!project) {
    throw new ConfigError([
      {
        path: "readiness",
        message:
          "readiness --all needs to know where the rollout issues are: set readiness.project or readiness.group (or definition_project)",
      },
    ]);
  }
  return { project };
}

export function resolveFlag(
  issue: Pick<Issue, "title" | "description">,
  notes: Note[],
  trust: Trust,
): { flag?: string; unresolved?: string } {
  // Only our own (or trusted) notes name the flag, and only a name GitLab could have: a
  // commenter's forged marker must not send the check (and its note) to another flag.
  const fromNotes = new Set(
    notes
      .filter((n) => trusted(trust, n))
      .flatMap((n) => readMarker(n.body)?.flag ?? [])
      .filter((name) => FLAG_NAME.test(name)),
  );
  if (fromNotes.size === 1) return { flag: [...fromNotes][0]! };
  const fromTitle = [...issue.title.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1]!)
    .filter((n) => FLAG_NAME.test(n));
  if (fromTitle.length === 1) return { flag: fromTitle[0]! };
  const fromCommands = new Set(
    parseChatopsCommands(issue.description)
      .flatMap((c) => ("flag" in c && !c.flag.placeholder ? [c.flag.text] : []))
      .filter((n) => FLAG_NAME.test(n)),
  );
  if (fromCommands.size === 1) return { flag: [...fromCommands][0]! };
  const candidates = [...fromNotes, ...fromTitle, ...fromCommands];
  return {
    unresolved:
      candidates.length === 0
        ? "no flag named in its audit notes, its title (`flag_name`) or a ChatOps command"
        : `several flags named (${[...new Set(candidates)].join(", ")}); name one in the title as \`flag_name\``,
  };
}
