// Cross-references of the repository, merge request, deployment and issue link seeds: projects,
// users, issues and commits that must exist; commit keys and iids that must be unique.
// Reported as zod issues with their path, like seed-references.ts.

import type { z } from "zod";
import type { InstanceSeed } from "./seed-instance.js";

type Ctx = z.RefinementCtx;

/** Every commit name (sha and key) of each seeded repository, by lower-cased project path. */
function commitNames(instance: InstanceSeed): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const repo of instance.repositories) {
    const set = names.get(repo.project.toLowerCase()) ?? new Set<string>();
    for (const commit of repo.commits) {
      if (commit.sha) set.add(commit.sha);
      if (commit.key) set.add(commit.key);
    }
    names.set(repo.project.toLowerCase(), set);
  }
  return names;
}

export function checkMoreReferences(instance: InstanceSeed, base: string[], ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path: [...base, ...path], message });
  const users = new Set(instance.users.map((user) => user.username.toLowerCase()));
  const projects = new Set(instance.projects.map((p) => p.path_with_namespace.toLowerCase()));
  const knownProject = (value: string, path: (string | number)[]) => {
    if (!projects.has(value.toLowerCase())) issue(path, `unknown project "${value}"`);
  };
  const knownUser = (value: string | undefined, path: (string | number)[]) => {
    if (value !== undefined && !users.has(value.toLowerCase()))
      issue(path, `unknown user "${value}"`);
  };
  const names = commitNames(instance);
  /** A commit of the project's seeded repository (any value when the project has none). */
  const knownCommit = (project: string, value: string | undefined, path: (string | number)[]) => {
    const set = names.get(project.toLowerCase());
    if (value !== undefined && set && !set.has(value)) {
      issue(path, `unknown commit "${value}" in ${project}'s repository`);
    }
  };

  instance.milestones.forEach((m, i) => {
    if (m.group === undefined) return;
    const group = m.group.toLowerCase();
    const exists =
      instance.groups.some((g) => g.full_path.toLowerCase() === group) ||
      [...projects].some((p) => p.startsWith(`${group}/`));
    if (!exists) issue(["milestones", i, "group"], `unknown group "${m.group}"`);
  });

  const seenRepos = new Set<string>();
  instance.repositories.forEach((repo, r) => {
    knownProject(repo.project, ["repositories", r, "project"]);
    if (seenRepos.has(repo.project.toLowerCase())) {
      issue(["repositories", r, "project"], "a second repository for this project");
    }
    seenRepos.add(repo.project.toLowerCase());
    const earlier = new Set<string>();
    repo.commits.forEach((commit, c) => {
      commit.parents.forEach((parent, p) => {
        if (!earlier.has(parent)) {
          issue(
            ["repositories", r, "commits", c, "parents", p],
            `parent "${parent}" is not an earlier commit of this repository`,
          );
        }
      });
      for (const name of [commit.sha, commit.key]) {
        if (name === undefined) continue;
        if (earlier.has(name)) issue(["repositories", r, "commits", c], `duplicate "${name}"`);
        earlier.add(name);
      }
    });
    for (const [branch, target] of Object.entries(repo.branches)) {
      knownCommit(repo.project, target, ["repositories", r, "branches", branch]);
    }
    for (const [tag, target] of Object.entries(repo.tags)) {
      const commit = typeof target === "string" ? target : target.commit;
      knownCommit(repo.project, commit, ["repositories", r, "tags", tag]);
    }
  });

  const mrKeys = new Set<string>();
  instance.merge_requests.forEach((mr, i) => {
    knownProject(mr.project, ["merge_requests", i, "project"]);
    knownUser(mr.author, ["merge_requests", i, "author"]);
    knownUser(mr.merged_by, ["merge_requests", i, "merged_by"]);
    for (const field of ["sha", "merge_commit_sha", "squash_commit_sha"] as const) {
      knownCommit(mr.project, mr[field], ["merge_requests", i, field]);
    }
    const key = `${mr.project.toLowerCase()}!${mr.iid}`;
    if (mrKeys.has(key)) issue(["merge_requests", i, "iid"], `duplicate merge request ${key}`);
    mrKeys.add(key);
  });

  instance.environments.forEach((env, i) => {
    knownProject(env.project, ["environments", i, "project"]);
  });
  instance.deployments.forEach((deployment, i) => {
    knownProject(deployment.project, ["deployments", i, "project"]);
    knownUser(deployment.user, ["deployments", i, "user"]);
    knownCommit(deployment.project, deployment.sha, ["deployments", i, "sha"]);
  });

  const issues = new Set(instance.issues.map((i) => `${i.project.toLowerCase()}#${i.iid}`));
  instance.issue_links.forEach((link, i) => {
    const source = `${link.project.toLowerCase()}#${link.issue_iid}`;
    const target = `${(link.target_project ?? link.project).toLowerCase()}#${link.target_issue_iid}`;
    if (!issues.has(source)) issue(["issue_links", i, "issue_iid"], `unknown issue ${source}`);
    if (!issues.has(target)) {
      issue(["issue_links", i, "target_issue_iid"], `unknown issue ${target}`);
    }
  });
}
