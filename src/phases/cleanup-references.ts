// Pure helpers of the cleanup MR: which files it deletes (the definition, the housekeeper's
// .patch next to it, a twin definition the search found), and where the code still reads the
// flag, as a task list a person works through before merging.

import type { CleanupFacts, CodeSearch } from "../engine/release-facts.js";
import type { FileAction, FlagDefinition } from "../engine/release-port.js";
import { code, inline, link, md, num, ours, type SafeMarkdown } from "../report/safe-markdown.js";

/** `new_pipeline_graph` -> `newPipelineGraph`, as GitLab pushes flags to the frontend. */
export function camelCase(flag: string): string {
  return flag.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** config/feature_flags/<type>/<flag>.yml and .patch, also under ee/. */
function isDefinitionFile(path: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^(ee/)?config/feature_flags/[^/]+/${escaped}\\.(yml|patch)$`).test(path);
}

export function definitionDeletes(
  definition: FlagDefinition,
  facts: CleanupFacts,
  flag: string,
): FileAction[] {
  const actions: FileAction[] = [
    { action: "delete", path: definition.path, lastCommitId: definition.lastCommitId },
    ...facts.extraFiles.map(
      (f): FileAction => ({ action: "delete", path: f.path, lastCommitId: f.lastCommitId }),
    ),
  ];
  const found = facts.references.flatMap((r) => r.matches.map((m) => m.path));
  for (const path of [...new Set(found)].sort()) {
    if (isDefinitionFile(path, flag) && !actions.some((a) => a.path === path)) {
      actions.push({ action: "delete", path });
    }
  }
  return actions;
}

export interface CodeReference {
  path: string;
  /** Line numbers where a searched term occurs, ascending. */
  lines: number[];
}

/** Every file that mentions the flag, except the files the MR deletes. */
export function codeReferences(facts: CleanupFacts, deleted: string[]): CodeReference[] {
  return referencesIn(facts.references, deleted);
}

/**
 * Prose that may go on naming a removed flag: GitLab's documentation keeps a flag's name in its
 * version history notes ("Feature flag `x` removed in 17.0"), and changelogs name it for good.
 * Such a mention reads nothing at run time, so it neither blocks the delete nor counts as a
 * reference left in the code.
 */
export function isProse(path: string): boolean {
  return /\.(md|markdown|txt|adoc|rst)$/i.test(path) || /(^|\/)CHANGELOG[^/]*$/i.test(path);
}

/** Files on the default branch that still mention the flag, code first, then prose. */
export function remainingReferences(search: CodeSearch): {
  code: CodeReference[];
  prose: CodeReference[];
} {
  const all = referencesIn(search, []);
  return {
    code: all.filter((r) => !isProse(r.path)),
    prose: all.filter((r) => isProse(r.path)),
  };
}

function referencesIn(search: CodeSearch, deleted: string[]): CodeReference[] {
  const byPath = new Map<string, Set<number>>();
  for (const { term, matches } of search) {
    const wanted = term.toLowerCase();
    for (const match of matches) {
      if (deleted.includes(match.path)) continue;
      const lines = byPath.get(match.path) ?? new Set<number>();
      match.data.split("\n").forEach((line, i) => {
        if (line.toLowerCase().includes(wanted)) lines.add(match.startline + i);
      });
      // A chunk always holds a hit; if its lines could not be told apart, point at the chunk.
      if (lines.size === 0) lines.add(match.startline);
      byPath.set(match.path, lines);
    }
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, lines]) => ({ path, lines: [...lines].sort((x, y) => x - y) }));
}

const LISTED = 200;

/** The task list for the MR description: one item per file, linked to its first reference. */
export function referencesChecklist(
  references: CodeReference[],
  blobUrl: (path: string) => string,
): SafeMarkdown[] {
  if (references.length === 0) {
    return [
      ours(
        "The code search found no other file that mentions the flag. Check for names built at run time (string interpolation, `send`) before merging.",
      ),
    ];
  }
  // Paths come from code search: a file name may hold anything a file system allows.
  const items = references.slice(0, LISTED).map(({ path, lines }) => {
    const shown = inline(lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(", ")}`);
    return md`- [ ] ${link(code(path), `${blobUrl(path)}#L${lines[0]}`)} ${shown}`;
  });
  if (references.length > LISTED) {
    items.push(
      md`- [ ] ... and ${num(references.length - LISTED)} more files: search the code for the flag`,
    );
  }
  return items;
}
