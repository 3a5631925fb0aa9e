// Turns one instance's parsed seed into live InstanceState: ids, namespaces, labels and
// timestamps filled in the way GitLab would have them.

import type { SandboxClock } from "./clock.js";
import { cloneGates } from "./flipper.js";
import { visibleMilestones } from "./milestones.js";
import { extractQuickActions } from "./quick-actions.js";
import { SeedError } from "./seed.js";
import type { InstanceSeed } from "./seed-instance.js";
import { buildMoreState } from "./seed-state-more.js";
import { type GroupRecord, InstanceState } from "./state.js";

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function parentPath(path: string): string | null {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? null : path.slice(0, slash);
}

export function buildInstanceState(
  name: string,
  seed: InstanceSeed,
  clock: SandboxClock,
): InstanceState {
  const state = new InstanceState(name, clock);
  const start = clock.now().toISOString();
  state.adminMode = seed.admin_mode;

  // Ids given in the seed are kept; counters continue above the largest.
  for (const user of seed.users) state.reserveId("user", user.id);
  for (const token of seed.users.flatMap((user) => user.tokens)) {
    if (token.id !== undefined) state.reserveId("token", token.id);
  }
  for (const group of seed.groups) state.reserveId("namespace", group.id);
  for (const user of seed.users) {
    if (user.namespace_id !== undefined) state.reserveId("namespace", user.namespace_id);
  }
  for (const project of seed.projects) state.reserveId("project", project.id);
  for (const label of seed.labels) if (label.id !== undefined) state.reserveId("label", label.id);
  for (const milestone of seed.milestones) state.reserveId("milestone", milestone.id);
  for (const issue of seed.issues) if (issue.id !== undefined) state.reserveId("issue", issue.id);
  for (const note of seed.notes) if (note.id !== undefined) state.reserveId("note", note.id);

  const usedNamespaceIds = new Set(seed.groups.map((group) => group.id));
  for (const user of seed.users) {
    const namespaceId = user.namespace_id ?? state.nextId("namespace");
    if (usedNamespaceIds.has(namespaceId)) {
      throw new SeedError(
        `Invalid sandbox seed: instances.${name}.users: namespace id ${namespaceId} of "${user.username}" is also a group id`,
        [],
      );
    }
    usedNamespaceIds.add(namespaceId);
    state.users.push({
      id: user.id,
      username: user.username,
      name: user.name ?? user.username,
      admin: user.admin,
      state: user.state,
      namespaceId,
      createdAt: start,
    });
    for (const token of user.tokens) {
      state.tokens.push({
        id: token.id ?? state.nextId("token"),
        userId: user.id,
        name: token.name,
        token: token.token,
        scopes: [...token.scopes],
        expiresAt: token.expires_at,
        revoked: token.revoked,
        description: token.description,
        createdAt: token.created_at ?? start,
        lastUsedAt: null,
      });
    }
  }

  // Groups: a subgroup's parents, and a project's group, are created when the seed omits them.
  const ensureGroup = (fullPath: string, id?: number, title?: string): GroupRecord => {
    const existing = state.groupByPath(fullPath);
    if (existing) return existing;
    const parent = parentPath(fullPath);
    const group: GroupRecord = {
      id: id ?? state.nextId("namespace"),
      name: title ?? lastSegment(fullPath),
      path: lastSegment(fullPath),
      fullPath,
      parentId: parent === null ? null : ensureGroup(parent).id,
    };
    state.groups.push(group);
    return group;
  };
  const sortedGroups = [...seed.groups].sort(
    (a, b) => a.full_path.split("/").length - b.full_path.split("/").length,
  );
  for (const group of sortedGroups) ensureGroup(group.full_path, group.id, group.name);

  for (const project of seed.projects) {
    const namespacePath = parentPath(project.path_with_namespace) ?? "";
    const owner = namespacePath.includes("/") ? undefined : state.userByUsername(namespacePath);
    const group = owner ? undefined : ensureGroup(namespacePath);
    state.projects.push({
      id: project.id,
      name: project.name ?? lastSegment(project.path_with_namespace),
      path: lastSegment(project.path_with_namespace),
      pathWithNamespace: project.path_with_namespace,
      namespaceId: owner ? owner.namespaceId : (group?.id ?? 0),
      namespaceKind: owner ? "user" : "group",
      defaultBranch: project.default_branch,
      description: project.description,
      memberIds: project.members?.map((member) => state.userByUsername(member)?.id ?? 0) ?? null,
      createdAt: project.created_at ?? start,
    });
  }
  const projectId = (path: string): number => state.projectByRef(path)?.id ?? 0;
  const userId = (username: string): number => state.userByUsername(username)?.id ?? 0;

  for (const label of seed.labels) {
    state.labels.push({
      id: label.id ?? state.nextId("label"),
      projectId: projectId(label.project),
      name: label.name,
      color: label.color,
    });
  }
  for (const milestone of seed.milestones) {
    const createdAt = milestone.created_at ? new Date(milestone.created_at).toISOString() : start;
    state.milestones.push({
      id: milestone.id,
      iid: milestone.iid,
      projectId: milestone.project === undefined ? null : projectId(milestone.project),
      groupId: milestone.group === undefined ? null : ensureGroup(milestone.group).id,
      title: milestone.title,
      description: milestone.description,
      state: milestone.state,
      dueDate: milestone.due_date,
      startDate: milestone.start_date,
      createdAt,
      updatedAt: createdAt,
    });
  }

  for (const feature of seed.features) state.features.set(feature.name, cloneGates(feature.gates));
  for (const definition of seed.definitions)
    state.definitions.set(definition.name, { ...definition });

  for (const issue of seed.issues) {
    const pid = projectId(issue.project);
    for (const label of issue.labels) state.ensureLabel(pid, label);
    const createdAt = issue.created_at ? new Date(issue.created_at).toISOString() : start;
    const closed = issue.state === "closed";
    state.issues.push({
      id: issue.id ?? state.nextId("issue"),
      iid: issue.iid,
      projectId: pid,
      title: issue.title,
      // Stored as GitLab stores what it was created with: after the quick-action pass (no CR,
      // no trailing whitespace, command lines gone; seeded commands are not executed).
      description: extractQuickActions(issue.description ?? "").text,
      state: issue.state,
      createdAt,
      updatedAt: issue.updated_at ? new Date(issue.updated_at).toISOString() : createdAt,
      closedAt: closed
        ? issue.closed_at
          ? new Date(issue.closed_at).toISOString()
          : createdAt
        : null,
      closedById: closed ? userId(issue.author) : null,
      labels: [...issue.labels],
      milestoneId:
        issue.milestone === undefined
          ? null
          : (visibleMilestones(state, pid).find((m) => m.title === issue.milestone)?.id ?? null),
      authorId: userId(issue.author),
      assigneeIds: issue.assignees.map(userId),
      dueDate: issue.due_date,
      confidential: issue.confidential,
      discussionLocked: null,
    });
  }

  for (const note of seed.notes) {
    const issue = state.findIssue(projectId(note.project), note.issue_iid);
    if (!issue) continue; // checked by the schema
    const createdAt = note.created_at ? new Date(note.created_at).toISOString() : start;
    state.noteList.push({
      id: note.id ?? state.nextId("note"),
      issueId: issue.id,
      projectId: issue.projectId,
      body: note.body,
      authorId: userId(note.author),
      system: note.system,
      internal: note.internal,
      createdAt,
      updatedAt: note.updated_at ? new Date(note.updated_at).toISOString() : createdAt,
    });
  }
  buildMoreState(state, seed, clock);
  return state;
}
