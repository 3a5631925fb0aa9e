// Issue links (lib/api/issue_links.rb, IssueLinks::CreateService < IssuableLinks::CreateService,
// SystemNoteService#relate_issuable). `is_blocked_by` is stored as `blocks` from the other
// side, so the created link's source_issue is then the target. Both issues get a system note.

import type { ApiRoute, RouteContext } from "../context.js";
import { issueEntity } from "../entities-issue.js";
import { ApiError, apiError, json, notFound, type SandboxResponse } from "../http.js";
import { findIssue, findProject, intParam } from "../lookup.js";
import { declareParams } from "../params.js";
import type { IssueRecord } from "../records.js";
import type { IssueLinkRecord } from "../records-more.js";
import type { InstanceState } from "../state.js";

/** Issue#to_reference(from): "#4", "project#4" in the same namespace, else the full path. */
export function issueReference(state: InstanceState, issue: IssueRecord, fromProjectId: number) {
  if (issue.projectId === fromProjectId) return `#${issue.iid}`;
  const project = state.projectById(issue.projectId);
  const from = state.projectById(fromProjectId);
  if (project && from && project.namespaceId === from.namespaceId) {
    return `${project.path}#${issue.iid}`;
  }
  return `${project?.pathWithNamespace ?? ""}#${issue.iid}`;
}

function linkedIssues(ctx: RouteContext): SandboxResponse {
  const issue = findIssue(ctx, findProject(ctx), intParam(ctx, "issue_iid"));
  const { state } = ctx;
  const related = state.issueLinks
    .filter((link) => link.sourceIssueId === issue.id || link.targetIssueId === issue.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
    .flatMap((link) => {
      const outgoing = link.sourceIssueId === issue.id;
      const other = state.issues.find(
        (i) => i.id === (outgoing ? link.targetIssueId : link.sourceIssueId),
      );
      if (!other) return [];
      const linkType =
        link.linkType === "relates_to" ? "relates_to" : outgoing ? "blocks" : "is_blocked_by";
      return [
        {
          ...issueEntity(state, other, ctx.instanceUrl),
          issue_link_id: link.id,
          link_type: linkType,
          link_created_at: link.createdAt,
          link_updated_at: link.updatedAt,
        },
      ];
    });
  return json(200, related);
}

const NOTE_VERB = { relates_to: "related to", blocks: "blocking", is_blocked_by: "blocked by" };

function createLink(ctx: RouteContext): SandboxResponse {
  const issueIid = intParam(ctx, "issue_iid");
  const p = declareParams(ctx.input, {
    params: [
      { name: "target_project_id", type: "string", required: true },
      { name: "target_issue_iid", type: "string", required: true },
      {
        name: "link_type",
        type: "string",
        values: ["relates_to", "blocks", "is_blocked_by"],
        default: "relates_to",
      },
    ],
  });
  const { state } = ctx;
  const source = findIssue(ctx, findProject(ctx), issueIid);
  // find_project_issue(iid, project_id): find_project! then IssuesFinder#find_by!.
  const targetProject = findProject({ ...ctx, params: { id: p.target_project_id as string } });
  const targetIid = Number(p.target_issue_iid);
  const target = Number.isInteger(targetIid)
    ? state.findIssue(targetProject.id, targetIid)
    : undefined;
  if (!target) throw notFound();
  const already = state.issueLinks.some(
    (l) =>
      (l.sourceIssueId === source.id && l.targetIssueId === target.id) ||
      (l.sourceIssueId === target.id && l.targetIssueId === source.id),
  );
  if (already) throw apiError(409, "Issue(s) already assigned");
  if (target.id === source.id) {
    // IssuableLink#check_self_relation, collected as "<ref> cannot be added: <errors>".
    throw new ApiError(422, {
      message: `${issueReference(state, target, source.projectId)} cannot be added: cannot be related to itself`,
    });
  }
  const type = p.link_type as keyof typeof NOTE_VERB;
  const blockedBy = type === "is_blocked_by";
  const at = state.stamp();
  const link: IssueLinkRecord = {
    id: state.nextId("issue_link"),
    sourceIssueId: blockedBy ? target.id : source.id,
    targetIssueId: blockedBy ? source.id : target.id,
    linkType: type === "relates_to" ? "relates_to" : "blocks",
    createdAt: at,
    updatedAt: at,
  };
  state.issueLinks.push(link);
  const mirror = { relates_to: "relates_to", blocks: "is_blocked_by", is_blocked_by: "blocks" };
  const note = (on: IssueRecord, other: IssueRecord, kind: keyof typeof NOTE_VERB) =>
    state.addNote(
      on,
      ctx.auth.user.id,
      `marked this issue as ${NOTE_VERB[kind]} ${issueReference(state, other, on.projectId)}`,
      { system: true, at },
    );
  note(source, target, type);
  note(target, source, mirror[type] as keyof typeof NOTE_VERB);
  const byId = (id: number) => state.issues.find((i) => i.id === id) as IssueRecord;
  return json(201, {
    source_issue: issueEntity(state, byId(link.sourceIssueId), ctx.instanceUrl),
    target_issue: issueEntity(state, byId(link.targetIssueId), ctx.instanceUrl),
    link_type: link.linkType,
  });
}

export const issueLinkRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/issues/:issue_iid/links",
    auth: { level: "user" },
    handler: linkedIssues,
  },
  {
    method: "POST",
    pattern: "/projects/:id/issues/:issue_iid/links",
    auth: { level: "user" },
    handler: createLink,
  },
];
