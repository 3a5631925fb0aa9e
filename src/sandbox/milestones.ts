// Which milestones an issue of a project may use: the project's own and those of every group
// above it (Issues::BaseService#filter_milestone, Milestone.for_projects_and_groups).

import type { MilestoneRecord } from "./records.js";
import type { InstanceState } from "./state.js";

/** The group and its ancestors, nearest first. */
export function groupAndAncestorIds(state: InstanceState, groupId: number | null): number[] {
  const ids: number[] = [];
  let group = groupId === null ? undefined : state.groupById(groupId);
  while (group) {
    ids.push(group.id);
    group = group.parentId === null ? undefined : state.groupById(group.parentId);
  }
  return ids;
}

export function visibleMilestones(state: InstanceState, projectId: number): MilestoneRecord[] {
  const project = state.projectById(projectId);
  const groups =
    project?.namespaceKind === "group" ? groupAndAncestorIds(state, project.namespaceId) : [];
  return state.milestones.filter(
    (m) => m.projectId === projectId || (m.groupId !== null && groups.includes(m.groupId)),
  );
}
