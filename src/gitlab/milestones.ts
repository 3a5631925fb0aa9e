// Milestones a rollout issue may take: the project's and every ancestor group's, in one request
// each (include_ancestors, doc/api/milestones.md); a rollout issue usually takes a group
// milestone such as 19.7. Used by prepare (the configured milestone) and release (the next one).

import { ProjectMilestones } from "@gitbeaker/rest";
import { z } from "zod";
import type { GitLabClient } from "./client.js";
import { parseAnswer } from "./parse-answer.js";

/** A project or group milestone an issue of the project may take. */
export interface Milestone {
  id: number;
  title: string;
  state: string;
  /** YYYY-MM-DD, or null when not set. */
  startDate: string | null;
  dueDate: string | null;
}

const milestoneSchema = z.looseObject({
  id: z.number(),
  title: z.string(),
  state: z.string(),
  start_date: z.string().nullable().optional(),
  due_date: z.string().nullable().optional(),
});

/** The active milestone titled exactly `title`, of the project or an ancestor group. */
export async function findMilestone(
  client: GitLabClient,
  project: string,
  title: string,
): Promise<{ id: number; title: string } | undefined> {
  const body = await client.resource(ProjectMilestones).all(project, {
    title,
    state: "active",
    includeAncestors: true,
  } as never);
  const list = parseAnswer(
    client,
    z.array(z.looseObject({ id: z.number(), title: z.string() })),
    body,
    "GET",
    "milestones",
  );
  const found = list.find((m) => m.title === title);
  return found && { id: found.id, title: found.title };
}

/** Every milestone of the project and its ancestor groups that passes `filter`, all pages. */
export async function listMilestones(
  client: GitLabClient,
  project: string,
  filter: { state?: "active" | "closed"; title?: string },
): Promise<Milestone[]> {
  // gitbeaker's all() follows every page.
  const body = await client.resource(ProjectMilestones).all(project, {
    ...filter,
    includeAncestors: true,
    perPage: 100,
  } as never);
  const list = parseAnswer(client, z.array(milestoneSchema), body, "GET", "milestones");
  return list.map((m) => ({
    id: m.id,
    title: m.title,
    state: m.state,
    startDate: m.start_date ?? null,
    dueDate: m.due_date ?? null,
  }));
}
