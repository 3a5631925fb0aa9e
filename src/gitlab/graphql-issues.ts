// Rollout issues with their notes over GraphQL: 100 issues a request, each with its first
// 100 comments (doc/api/graphql/reference: Project.issues, Group.issues, Issue.notes). A REST
// run needs one notes request per issue on top of the issue pages; this needs none for an issue
// with up to 100 comments. An issue with more says so (notes.pageInfo.hasNextPage) and the rest
// is read with moreNotes(), page after page, so a history is never cut short.
//
// Notes are asked with filter: ONLY_COMMENTS (Resolvers::Noteable::NotesResolver): system notes,
// one per ticked box, are most of a long issue's notes and count for nothing in a history. A
// GitLab whose schema lacks that argument (older than the notes filter) answers
// argumentNotAccepted; the reader then asks again without it and drops system notes itself.
// GitLab orders notes oldest first (created_at, id: NotesFinder), as the REST path asks.
//
// Two selections: the open issues with the label (page()), and closed ones by iid in one project
// (closedPage(): the rollout issues of flags that still exist, named by their definitions).
// Both use arguments of GitLab's issue resolvers (app/graphql/resolvers/concerns/
// issue_resolver_arguments.rb: iids [String!], labelName [String]; state IssuableState:
// opened, closed, locked, all).

import { z } from "zod";
import { parseIssueRef } from "../config/issue-ref.js";
import type { IssueRef } from "../config.js";
import type { GitLabClient } from "./client.js";
import { GraphqlQueryError, graphqlQuery, idFromGid } from "./graphql.js";
import type { Issue, Note } from "./issues.js";

export const PAGE_SIZE = 100;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const noteNode = z.looseObject({
  id: z.string(),
  body: z.string(),
  system: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // A deleted author's notes are reassigned to the Ghost user; null is tolerated all the same.
  author: z.looseObject({ username: z.string() }).nullable(),
});
const notesConnection = z.object({ pageInfo, nodes: z.array(noteNode) });
const issueNode = z.looseObject({
  id: z.string(),
  iid: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  state: z.string(),
  webUrl: z.string(),
  updatedAt: z.string(),
  projectId: z.number(),
  milestone: z
    .looseObject({ id: z.string(), title: z.string(), dueDate: z.string().nullable() })
    .nullable(),
  notes: notesConnection,
});
const issuesConnection = z.object({ pageInfo, nodes: z.array(issueNode) });

export type Scope = { project: string } | { group: string };

export interface IssueWithNotes {
  issue: Issue;
  /** Oldest first; comments only (system notes are left out). */
  notes: Note[];
  /** Where the next page of its notes starts, when there is one. */
  moreNotesAfter: string | null;
}

export interface IssuesPage {
  items: IssueWithNotes[];
  /** The cursor of the next page, null on the last. */
  next: string | null;
}

const NOTE_FIELDS = "id body system createdAt updatedAt author { username }";

function notesArgs(filter: boolean, after: boolean): string {
  return [
    filter ? "filter: ONLY_COMMENTS" : "",
    `first: ${PAGE_SIZE}`,
    after ? "after: $notesAfter" : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** Which issues a page holds: the open ones with the label, or closed ones of one project by iid. */
export type IssueSelection =
  | { state: "opened"; scope: Scope }
  | { state: "closed"; project: string; iids: number[] };

function issuesQuery(selection: IssueSelection, filter: boolean): string {
  const group = selection.state === "opened" && "group" in selection.scope;
  const root = group ? "group" : "project";
  // A group's issues include its subgroups' only when asked (GroupIssuesResolver), as the
  // REST group list always does.
  const subgroups = group ? ", includeSubgroups: true" : "";
  const iids = selection.state === "closed" ? ", iids: $iids" : "";
  const iidsVariable = selection.state === "closed" ? ", $iids: [String!]" : "";
  return `query readinessIssues($fullPath: ID!, $label: [String], $after: String${iidsVariable}) {
  ${root}(fullPath: $fullPath) {
    issues(state: ${selection.state}, labelName: $label${iids}, first: ${PAGE_SIZE}, after: $after${subgroups}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id iid title description state webUrl updatedAt projectId
        milestone { id title dueDate }
        notes(${notesArgs(filter, false)}) { pageInfo { hasNextPage endCursor } nodes { ${NOTE_FIELDS} } }
      }
    }
  }
}`;
}

function notesQuery(filter: boolean): string {
  return `query readinessNotes($fullPath: ID!, $iid: String!, $notesAfter: String) {
  project(fullPath: $fullPath) {
    issue(iid: $iid) {
      notes(${notesArgs(filter, true)}) { pageInfo { hasNextPage endCursor } nodes { ${NOTE_FIELDS} } }
    }
  }
}`;
}

function toNote(node: z.infer<typeof noteNode>): Note {
  return {
    id: idFromGid(node.id),
    body: node.body,
    system: node.system,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    author: node.author?.username ?? "",
  };
}

export class GraphqlIssueReader {
  /** Whether this GitLab takes notes(filter:); learnt from its first answer. */
  private filter = true;

  constructor(
    private readonly client: GitLabClient,
    private readonly label: string,
  ) {}

  /** One page of the selected issues with the label, newest first (GitLab's default, as REST). */
  async page(selection: IssueSelection, after: string | null): Promise<IssuesPage> {
    const group = selection.state === "opened" && "group" in selection.scope;
    const root = group ? "group" : "project";
    const fullPath =
      selection.state === "closed"
        ? selection.project
        : "project" in selection.scope
          ? selection.scope.project
          : selection.scope.group;
    const schema = z.object({ [root]: z.object({ issues: issuesConnection }).nullable() });
    const variables: Record<string, unknown> = { fullPath, label: [this.label], after };
    if (selection.state === "closed") variables.iids = selection.iids.map(String);
    const data = await this.withFilter((filter) =>
      graphqlQuery(this.client, issuesQuery(selection, filter), variables, schema),
    );
    const parent = data[root] as { issues: z.infer<typeof issuesConnection> } | null;
    if (!parent) throw notVisible(this.client, root, fullPath);
    const items = parent.issues.nodes.flatMap((node): IssueWithNotes[] => {
      const ref = parseIssueRef(node.webUrl, this.client.url);
      if ("error" in ref) return [];
      return [
        {
          issue: {
            ref,
            id: idFromGid(node.id),
            projectId: node.projectId,
            title: node.title,
            description: node.description ?? "",
            state: node.state,
            updatedAt: node.updatedAt,
            webUrl: node.webUrl,
            milestone: node.milestone
              ? {
                  id: idFromGid(node.milestone.id),
                  title: node.milestone.title,
                  // A date through GitLab's Time scalar: "2026-01-31" (or a time on that day).
                  dueDate: node.milestone.dueDate?.slice(0, 10) ?? null,
                }
              : null,
          },
          notes: node.notes.nodes.filter((n) => !n.system).map(toNote),
          moreNotesAfter: node.notes.pageInfo.hasNextPage ? node.notes.pageInfo.endCursor : null,
        },
      ];
    });
    const { hasNextPage, endCursor } = parent.issues.pageInfo;
    return { items, next: hasNextPage ? endCursor : null };
  }

  /** The issue's comments after a cursor, every remaining page. */
  async moreNotes(ref: IssueRef, after: string): Promise<Note[]> {
    const schema = z.object({
      project: z.object({ issue: z.object({ notes: notesConnection }).nullable() }).nullable(),
    });
    const notes: Note[] = [];
    for (let cursor: string | null = after; cursor !== null; ) {
      const variables: Record<string, unknown> = {
        fullPath: ref.project,
        iid: String(ref.iid),
        notesAfter: cursor,
      };
      const data: z.infer<typeof schema> = await this.withFilter((filter) =>
        graphqlQuery(this.client, notesQuery(filter), variables, schema),
      );
      const connection: z.infer<typeof notesConnection> | undefined = data.project?.issue?.notes;
      if (!connection) throw notVisible(this.client, "issue", `${ref.project}#${ref.iid}`);
      notes.push(...connection.nodes.filter((n) => !n.system).map(toNote));
      cursor = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    }
    return notes;
  }

  private async withFilter<T>(run: (filter: boolean) => Promise<T>): Promise<T> {
    try {
      return await run(this.filter);
    } catch (error) {
      if (!(this.filter && error instanceof GraphqlQueryError && error.rejectsArgument("filter")))
        throw error;
      this.filter = false;
      return run(false);
    }
  }
}

function notVisible(client: GitLabClient, what: string, path: string): GraphqlQueryError {
  // GitLab answers null, not an error, for what does not exist or the user may not see.
  return new GraphqlQueryError(client.name, [
    { message: `${what} ${path} not found, or not visible to the token's user` },
  ]);
}
