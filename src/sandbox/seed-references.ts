// Cross-references in a seed that zod's shapes cannot see: authors, projects, issues and
// milestones that must exist, and ids, usernames and token values that must be unique.
// Reported as zod issues, so they come out with their path like any other seed problem.

import type { z } from "zod";
import type { InstanceSeed } from "./seed-instance.js";

type Ctx = z.RefinementCtx;

function duplicates<T>(items: T[], key: (item: T) => unknown): number[] {
  const seen = new Set<unknown>();
  const dupes: number[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) dupes.push(index);
    seen.add(k);
  });
  return dupes;
}

/** Cross-references zod cannot see: authors, projects, issues and milestones that must exist. */
export function checkReferences(instance: InstanceSeed, base: string[], ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path: [...base, ...path], message });
  const users = new Set(instance.users.map((user) => user.username.toLowerCase()));
  const projects = new Set(instance.projects.map((p) => p.path_with_namespace.toLowerCase()));
  const known = (kind: string, set: Set<string>, value: string, path: (string | number)[]) => {
    if (!set.has(value.toLowerCase())) issue(path, `unknown ${kind} "${value}"`);
  };

  for (const i of duplicates(instance.users, (u) => u.id))
    issue(["users", i, "id"], "duplicate id");
  for (const i of duplicates(instance.users, (u) => u.username.toLowerCase())) {
    issue(["users", i, "username"], "duplicate username");
  }
  const tokens = instance.users.flatMap((u, ui) => u.tokens.map((t, ti) => ({ t, ui, ti })));
  for (const i of duplicates(tokens, (entry) => entry.t.token)) {
    const entry = tokens[i];
    if (entry) issue(["users", entry.ui, "tokens", entry.ti, "token"], "duplicate token value");
  }
  for (const i of duplicates(instance.projects, (p) => p.id)) {
    issue(["projects", i, "id"], "duplicate id");
  }
  for (const i of duplicates(instance.features, (f) => f.name)) {
    issue(["features", i, "name"], "duplicate feature");
  }
  instance.projects.forEach((project, i) => {
    project.members?.forEach((member, m) => {
      known("user", users, member, ["projects", i, "members", m]);
    });
  });
  instance.labels.forEach((entry, i) => {
    known("project", projects, entry.project, ["labels", i, "project"]);
  });
  instance.milestones.forEach((entry, i) => {
    if (entry.project !== undefined) {
      known("project", projects, entry.project, ["milestones", i, "project"]);
    }
  });
  const issueKeys = new Set<string>();
  instance.issues.forEach((entry, i) => {
    known("project", projects, entry.project, ["issues", i, "project"]);
    known("user", users, entry.author, ["issues", i, "author"]);
    entry.assignees.forEach((a, j) => {
      known("user", users, a, ["issues", i, "assignees", j]);
    });
    const key = `${entry.project.toLowerCase()}#${entry.iid}`;
    if (issueKeys.has(key)) issue(["issues", i, "iid"], `duplicate issue ${key}`);
    issueKeys.add(key);
    if (
      entry.milestone !== undefined &&
      !milestoneVisible(instance, entry.project, entry.milestone)
    ) {
      issue(
        ["issues", i, "milestone"],
        `unknown milestone "${entry.milestone}" in ${entry.project}`,
      );
    }
  });
  instance.notes.forEach((note, i) => {
    known("user", users, note.author, ["notes", i, "author"]);
    const key = `${note.project.toLowerCase()}#${note.issue_iid}`;
    if (!issueKeys.has(key)) issue(["notes", i, "issue_iid"], `unknown issue ${key}`);
  });
}

/** A milestone of the project, or of one of the groups above it, with this title. */
export function milestoneVisible(instance: InstanceSeed, project: string, title: string): boolean {
  const path = project.toLowerCase();
  return instance.milestones.some((m) => {
    if (m.title !== title) return false;
    if (m.project !== undefined) return m.project.toLowerCase() === path;
    return path.startsWith(`${(m.group ?? "").toLowerCase()}/`);
  });
}
