// Finding what a route refers to, with the 404 GitLab gives for each: a project that does not
// exist or cannot be seen is "404 Project Not Found" (find_project!), an issue looked up with
// find_by! is ActiveRecord's "404 Not found", and a noteable for the notes API is
// "404 Issue Not Found" (NotesHelpers#find_noteable).

import type { RouteContext } from "./context.js";
import { notFound } from "./http.js";
import { declareParams } from "./params.js";
import type { IssueRecord, ProjectRecord } from "./state.js";

export function findProject(ctx: RouteContext): ProjectRecord {
  const project = ctx.state.projectByRef(ctx.params.id ?? "");
  const visible =
    project !== undefined &&
    (ctx.auth.admin || project.memberIds === null || project.memberIds.includes(ctx.auth.user.id));
  if (!project || !visible) throw notFound("Project");
  return project;
}

/** Grape validates the integer path param before the endpoint runs ("issue_iid is invalid"). */
export function intParam(ctx: RouteContext, name: string): number {
  return declareParams(
    { [name]: ctx.params[name] },
    { params: [{ name, type: "integer", required: true }] },
  )[name] as number;
}

/** GET/PUT /projects/:id/issues/:issue_iid: IssuesFinder#find_by! -> "404 Not found". */
export function findIssue(ctx: RouteContext, project: ProjectRecord, iid: number): IssueRecord {
  const issue = ctx.state.findIssue(project.id, iid);
  if (!issue) throw notFound();
  return issue;
}

/** The notes API's noteable lookup -> "404 Issue Not Found". */
export function findNoteableIssue(
  ctx: RouteContext,
  project: ProjectRecord,
  iid: number,
): IssueRecord {
  const issue = ctx.state.findIssue(project.id, iid);
  if (!issue) throw notFound("Issue");
  return issue;
}
