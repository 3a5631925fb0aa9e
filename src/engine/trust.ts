// Whose notes count. A note's content proves nothing about who wrote it (anyone who may comment
// can paste our marker); its author, as GitLab records it, does. History, the status note and
// leases count only when written by the issues token's own user or a configured trusted author.

import type { Config } from "../config.js";
import type { IssueStore, Note } from "../gitlab/issues.js";

export interface Trust {
  /** The issues token's user: the only author whose notes this run may edit or delete. */
  me: string;
  /** `me` and config.trusted_authors. */
  authors: ReadonlySet<string>;
}

/** One GET /user per run: the adapter caches the answer. */
export async function readTrust(issues: IssueStore, config: Config): Promise<Trust> {
  const me = await issues.whoAmI();
  return { me, authors: new Set([me, ...config.trustedAuthors]) };
}

export function trusted(trust: Trust, note: Note): boolean {
  return !note.system && trust.authors.has(note.author);
}

/** Our own note: the only kind this run may edit or delete (GitLab's admin_note policy). */
export function ours(trust: Trust, note: Note): boolean {
  return !note.system && note.author === trust.me;
}

/**
 * When GitLab wrote the note, on GitLab's clock: its creation, or its last edit when it was
 * edited (a retried job merges its account into its earlier note; the later time is the
 * conservative one for soak times). Never a time written inside the note.
 */
export function noteTime(note: Note): string {
  return Date.parse(note.updatedAt) > Date.parse(note.createdAt) ? note.updatedAt : note.createdAt;
}
