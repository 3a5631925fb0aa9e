// The seeded repositories, merge requests, environments, deployments, issue links and rate
// limit of one instance, turned into live state (see seed-state.ts for the rest).

import type { SandboxClock } from "./clock.js";
import type { Person } from "./git.js";
import { visibleMilestones } from "./milestones.js";
import type { EnvironmentRecord } from "./records-more.js";
import type { InstanceSeed } from "./seed-instance.js";
import type { InstanceState } from "./state.js";

const FINISHED = new Set(["success", "failed", "canceled"]);
const MINUTE = 60_000;

/** Environment#slug, simplified: lower-case, anything else becomes "-". */
export function environmentSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 24);
}

/** Environment#guess_tier, roughly: by the usual words in the name. */
export function guessTier(name: string): string {
  if (/prd|prod|live/i.test(name)) return "production";
  if (/stg|stag|model|demo|pre/i.test(name)) return "staging";
  if (/test|qa/i.test(name)) return "testing";
  if (/dev|review|trunk/i.test(name)) return "development";
  return "other";
}

export function buildMoreState(state: InstanceState, seed: InstanceSeed, clock: SandboxClock) {
  const startMs = clock.now().getTime();
  const start = new Date(startMs).toISOString();
  const iso = (value: string | undefined, fallback: string) =>
    value ? new Date(value).toISOString() : fallback;
  const projectId = (path: string) => state.projectByRef(path)?.id ?? 0;
  const userId = (name: string | undefined) =>
    name === undefined ? null : (state.userByUsername(name)?.id ?? null);
  const person = (name: string | undefined, email: string | undefined): Person => {
    const user = name === undefined ? undefined : state.userByUsername(name);
    const shown = user?.name ?? name ?? "Sandbox";
    const handle = user?.username ?? shown.toLowerCase().replace(/[^a-z0-9]+/g, ".");
    return { name: shown, email: email ?? `${handle}@example.com` };
  };
  const shas = new Map<number, Map<string, string>>();
  const commitId = (pid: number, ref: string | undefined) =>
    ref === undefined ? null : (shas.get(pid)?.get(ref) ?? ref);

  for (const repoSeed of seed.repositories) {
    const pid = projectId(repoSeed.project);
    const repo = state.repository(pid);
    const names = new Map<string, string>();
    shas.set(pid, names);
    repoSeed.commits.forEach((commit, index) => {
      const date = iso(
        commit.date,
        new Date(startMs - (repoSeed.commits.length - index) * MINUTE).toISOString(),
      );
      const input = {
        parentIds: commit.parents.map((parent) => names.get(parent) ?? parent),
        message: commit.message,
        author: person(commit.author, commit.author_email),
        authoredDate: date,
        changes: new Map(Object.entries(commit.files)),
      };
      const created = commit.sha ? repo.addCommitAs(commit.sha, input) : repo.addCommit(input);
      names.set(created.id, created.id);
      if (commit.key) names.set(commit.key, created.id);
    });
    for (const [branch, target] of Object.entries(repoSeed.branches)) {
      repo.branches.set(branch, names.get(target) ?? target);
    }
    for (const [tag, target] of Object.entries(repoSeed.tags)) {
      const ref = typeof target === "string" ? target : target.commit;
      const message = typeof target === "string" ? null : (target.message ?? "");
      repo.tags.set(tag, { name: tag, target: names.get(ref) ?? ref, message });
    }
  }

  for (const mr of seed.merge_requests) if (mr.id) state.reserveId("merge_request", mr.id);
  for (const mr of seed.merge_requests) {
    const pid = projectId(mr.project);
    for (const label of mr.labels) state.ensureLabel(pid, label);
    const createdAt = iso(mr.created_at, start);
    const merged = mr.state === "merged";
    const closed = mr.state === "closed";
    const mergedAt = merged ? iso(mr.merged_at, createdAt) : null;
    const closedAt = closed ? iso(mr.closed_at, createdAt) : null;
    state.mergeRequests.push({
      id: mr.id ?? state.nextId("merge_request"),
      iid: mr.iid,
      projectId: pid,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      sourceBranch: mr.source_branch,
      targetBranch: mr.target_branch ?? state.projectById(pid)?.defaultBranch ?? "main",
      authorId: userId(mr.author) ?? 0,
      assigneeIds: [],
      labels: [...mr.labels],
      milestoneId: visibleMilestones(state, pid).find((m) => m.title === mr.milestone)?.id ?? null,
      createdAt,
      updatedAt: mergedAt ?? closedAt ?? createdAt,
      mergedAt,
      mergedById: merged ? (userId(mr.merged_by) ?? userId(mr.author)) : null,
      closedAt,
      closedById: closed ? userId(mr.author) : null,
      sha: commitId(pid, mr.sha),
      mergeCommitSha: commitId(pid, mr.merge_commit_sha),
      squashCommitSha: commitId(pid, mr.squash_commit_sha),
      squash: mr.squash,
      forceRemoveSourceBranch: mr.remove_source_branch,
    });
  }

  for (const env of seed.environments) if (env.id) state.reserveId("environment", env.id);
  const environment = (pid: number, name: string, given?: Partial<EnvironmentRecord>) => {
    const existing = state.environments.find((e) => e.projectId === pid && e.name === name);
    if (existing) return existing;
    const record: EnvironmentRecord = {
      id: given?.id ?? state.nextId("environment"),
      projectId: pid,
      name,
      slug: environmentSlug(name),
      externalUrl: given?.externalUrl ?? null,
      tier: given?.tier ?? guessTier(name),
      createdAt: start,
      updatedAt: start,
    };
    state.environments.push(record);
    return record;
  };
  for (const env of seed.environments) {
    environment(projectId(env.project), env.name, {
      ...(env.id === undefined ? {} : { id: env.id }),
      externalUrl: env.external_url,
      ...(env.tier === undefined ? {} : { tier: env.tier }),
    });
  }

  for (const d of seed.deployments) if (d.id) state.reserveId("deployment", d.id);
  for (const d of seed.deployments) {
    const pid = projectId(d.project);
    const createdAt = iso(d.created_at, start);
    const finishedAt =
      d.finished_at === undefined
        ? FINISHED.has(d.status)
          ? createdAt
          : null
        : d.finished_at === null
          ? null
          : iso(d.finished_at, createdAt);
    state.deployments.push({
      id: d.id ?? state.nextId("deployment"),
      iid: d.iid ?? state.nextIid(state.deployments, pid),
      projectId: pid,
      environmentId: environment(pid, d.environment).id,
      ref: d.ref ?? state.projectById(pid)?.defaultBranch ?? "main",
      sha: commitId(pid, d.sha) ?? d.sha,
      tag: d.tag,
      status: d.status,
      userId: userId(d.user),
      deployable: d.deployable && {
        id: d.deployable.id ?? state.nextId("pipeline"),
        name: d.deployable.name,
        stage: d.deployable.stage,
        status: d.status,
        pipelineId: d.deployable.pipeline_id ?? state.nextId("pipeline"),
      },
      createdAt,
      updatedAt: finishedAt ?? createdAt,
      finishedAt,
    });
  }

  for (const link of seed.issue_links) {
    const source = state.findIssue(projectId(link.project), link.issue_iid);
    const target = state.findIssue(
      projectId(link.target_project ?? link.project),
      link.target_issue_iid,
    );
    if (!source || !target) continue; // checked by the schema
    const blockedBy = link.link_type === "is_blocked_by";
    const at = iso(link.created_at, start);
    state.issueLinks.push({
      id: state.nextId("issue_link"),
      sourceIssueId: blockedBy ? target.id : source.id,
      targetIssueId: blockedBy ? source.id : target.id,
      linkType: link.link_type === "relates_to" ? "relates_to" : "blocks",
      createdAt: at,
      updatedAt: at,
    });
  }

  if (seed.rate_limit) {
    state.rateLimit = {
      requestsPerPeriod: seed.rate_limit.requests_per_period,
      periodSeconds: seed.rate_limit.period_seconds,
    };
  }
}
