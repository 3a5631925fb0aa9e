// The subset of GitLab's GraphQL schema the sandbox serves: a project's or a group's issues with
// their notes, one issue by iid, the current user. Names, types and arguments are GitLab's
// (app/graphql/types/issue_type.rb, notes/note_type.rb, milestone_type.rb, user_core_type.rb,
// resolvers/issues/base_resolver.rb, resolvers/noteable/notes_resolver.rb,
// resolvers/group_issues_resolver.rb); anything else is an unknown field, as on a GitLab that
// lacks it, so a test notices when the tool starts asking for more than this.

import { filterIssuables, matchesLabels, sortIssuables } from "../issuable-filter.js";
import { groupAndAncestorIds } from "../milestones.js";
import type { GroupRecord, IssueRecord, NoteRecord, ProjectRecord } from "../state.js";
import { connection, type Key } from "./connection.js";
import {
  type FieldDef,
  FieldError,
  type GqlContext,
  gid,
  gqlTime,
  type ObjectDef,
} from "./types.js";

export const ENUMS: Record<string, readonly string[]> = {
  IssuableState: ["opened", "closed", "locked", "all"],
  IssueState: ["opened", "closed", "locked", "all"],
  // Issues::SortArguments (a subset): created_desc is the default.
  IssueSort: [
    "CREATED_DESC",
    "CREATED_ASC",
    "UPDATED_DESC",
    "UPDATED_ASC",
    "created_desc",
    "created_asc",
    "updated_desc",
    "updated_asc",
  ],
  NotesFilterType: ["ALL_NOTES", "ONLY_COMMENTS", "ONLY_ACTIVITY"],
  MilestoneStateEnum: ["active", "closed"],
};

const PAGE_ARGS = {
  first: { type: "Int" },
  after: { type: "String" },
  last: { type: "Int" },
  before: { type: "String" },
};

const ISSUE_ARGS = {
  iid: { type: "String" },
  iids: { type: "[String!]" },
  labelName: { type: "[String]" },
  milestoneTitle: { type: "[String]" },
  state: { type: "IssuableState" },
  search: { type: "String" },
  sort: { type: "IssueSort", default: "created_desc" },
  authorUsername: { type: "String" },
  confidential: { type: "Boolean" },
  createdAfter: { type: "Time" },
  createdBefore: { type: "Time" },
  updatedAfter: { type: "Time" },
  updatedBefore: { type: "Time" },
  ...PAGE_ARGS,
};

function visibleProject(ctx: GqlContext, project: ProjectRecord | undefined) {
  if (!project) return null;
  const me = ctx.user?.id;
  const ok =
    ctx.admin || project.memberIds === null || (me !== undefined && project.memberIds.includes(me));
  return ok ? project : null;
}

/** IssuesFinder over some projects, in the order asked, one page (keyset on the order's columns). */
function issueConnection(ctx: GqlContext, projectIds: Set<number>, args: Record<string, unknown>) {
  if (args.state === "locked") throw new FieldError("locked is not a valid state for issues");
  const state = (args.state as string | undefined) ?? "all";
  const iids = [
    ...((args.iids as string[] | undefined) ?? []),
    ...(args.iid === undefined ? [] : [args.iid as string]),
  ].map(Number);
  const author = args.authorUsername as string | undefined;
  const authorId = author === undefined ? undefined : (ctx.state.userByUsername(author)?.id ?? -1);
  const within = (value: string, after: unknown, before: unknown) =>
    (after === undefined || Date.parse(value) >= Date.parse(after as string)) &&
    (before === undefined || Date.parse(value) <= Date.parse(before as string));
  const milestones = args.milestoneTitle as (string | null)[] | undefined;
  const candidates = ctx.state.issues.filter(
    (i) =>
      projectIds.has(i.projectId) &&
      (state === "all" || i.state === state) &&
      (args.confidential === undefined || i.confidential === args.confidential) &&
      within(i.createdAt, args.createdAfter, args.createdBefore) &&
      within(i.updatedAt, args.updatedAfter, args.updatedBefore) &&
      (milestones === undefined ||
        milestones.includes(
          i.milestoneId === null ? null : (ctx.state.milestoneById(i.milestoneId)?.title ?? null),
        )),
  );
  const labels = (args.labelName as (string | null)[] | undefined)?.filter(
    (l): l is string => l !== null,
  );
  const filtered = filterIssuables(candidates, {
    ...(args.search === undefined ? {} : { search: args.search as string }),
    ...(iids.length > 0 ? { iids } : {}),
    ...(authorId === undefined ? {} : { authorId }),
  }).filter((i) => matchesLabels(i.labels, labels));
  const sort = String(args.sort).toLowerCase();
  const column = sort.startsWith("updated") ? "updated_at" : "created_at";
  const direction = sort.endsWith("asc") ? 1 : -1;
  const sorted = sortIssuables(filtered, column, direction === 1 ? "asc" : "desc");
  const value = (i: IssueRecord) => (column === "updated_at" ? i.updatedAt : i.createdAt);
  return connection(
    sorted,
    args,
    (i): Key => ({ [column]: value(i), id: String(i.id) }),
    (i, key) =>
      direction *
      (value(i).localeCompare(key[column] ?? "") || i.id - Number(key.id ?? Number.NaN)),
  );
}

const issuesField = (
  projectsOf: (parent: never, args: Record<string, unknown>, ctx: GqlContext) => ProjectRecord[],
  extraArgs = {},
): FieldDef => ({
  type: "IssueConnection",
  args: { ...ISSUE_ARGS, ...extraArgs },
  resolver: {
    connection: true,
    extra: (args) =>
      (args.sort !== undefined ? 1 : 0) +
      (args.search !== undefined ? 5 : 0) +
      (args.labelName !== undefined ? 2 : 0),
  },
  resolve: (parent, args, ctx) =>
    issueConnection(ctx, new Set(projectsOf(parent as never, args, ctx).map((p) => p.id)), args),
});

function groupProjects(ctx: GqlContext, group: GroupRecord, subgroups: boolean): ProjectRecord[] {
  return ctx.state.projects.filter(
    (p) =>
      p.namespaceKind === "group" &&
      (subgroups
        ? groupAndAncestorIds(ctx.state, p.namespaceId).includes(group.id)
        : p.namespaceId === group.id) &&
      visibleProject(ctx, p) !== null,
  );
}

const user = (ctx: GqlContext, id: number | null) =>
  id === null ? null : (ctx.state.userById(id) ?? null);

function noteConnection(ctx: GqlContext, issue: IssueRecord, args: Record<string, unknown>) {
  // NotesFinder: the issue's notes, oldest first (created_at, id), filtered as asked
  // (UserPreference::NOTES_FILTERS: only_comments = user notes, only_activity = system notes).
  const notes = ctx.state
    .notesOf(issue.id)
    .filter((n) =>
      args.filter === "ONLY_COMMENTS"
        ? !n.system
        : args.filter === "ONLY_ACTIVITY"
          ? n.system
          : true,
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  return connection(
    notes,
    args,
    (n: NoteRecord): Key => ({ created_at: n.createdAt, id: String(n.id) }),
    (n, key) =>
      n.createdAt.localeCompare(key.created_at ?? "") || n.id - Number(key.id ?? Number.NaN),
  );
}

export const TYPES: Record<string, ObjectDef> = {
  Query: {
    fields: {
      project: {
        type: "Project",
        args: { fullPath: { type: "ID!" } },
        resolver: {},
        resolve: (_p, args, ctx) =>
          visibleProject(ctx, ctx.state.projectByRef(String(args.fullPath))),
      },
      group: {
        type: "Group",
        args: { fullPath: { type: "ID!" } },
        resolver: {},
        resolve: (_p, args, ctx) => ctx.state.groupByPath(String(args.fullPath)) ?? null,
      },
      currentUser: { type: "UserCore", resolve: (_p, _a, ctx) => ctx.user ?? null },
    },
  },
  Project: {
    fields: {
      id: { type: "ID!", resolve: (p: ProjectRecord) => gid("Project", p.id) },
      fullPath: { type: "ID!", resolve: (p: ProjectRecord) => p.pathWithNamespace },
      issues: issuesField((p: ProjectRecord) => [p] as never),
      issue: {
        ...issuesField((p: ProjectRecord) => [p] as never),
        type: "Issue",
        resolver: {},
        resolve: (p: ProjectRecord, args, ctx) =>
          issueConnection(ctx, new Set([p.id]), { ...args, first: 1 }).nodes[0] ?? null,
      },
    },
  },
  Group: {
    fields: {
      id: { type: "ID!", resolve: (g: GroupRecord) => gid("Group", g.id) },
      fullPath: { type: "ID!", resolve: (g: GroupRecord) => g.fullPath },
      issues: issuesField(
        ((g: GroupRecord, args: Record<string, unknown>, ctx: GqlContext) =>
          groupProjects(ctx, g, args.includeSubgroups === true)) as never,
        { includeSubgroups: { type: "Boolean", default: false } },
      ),
    },
  },
  IssueConnection: {
    fields: {
      nodes: { type: "[Issue]", resolve: (c) => c.nodes },
      pageInfo: { type: "PageInfo!", resolve: (c) => c.pageInfo },
    },
  },
  NoteConnection: {
    fields: {
      nodes: { type: "[Note]", resolve: (c) => c.nodes },
      pageInfo: { type: "PageInfo!", resolve: (c) => c.pageInfo },
    },
  },
  PageInfo: {
    fields: {
      hasNextPage: { type: "Boolean!", resolve: (p) => p.hasNextPage },
      hasPreviousPage: { type: "Boolean!", resolve: (p) => p.hasPreviousPage },
      startCursor: { type: "String", resolve: (p) => p.startCursor },
      endCursor: { type: "String", resolve: (p) => p.endCursor },
    },
  },
  Issue: {
    fields: {
      id: { type: "ID!", resolve: (i: IssueRecord) => gid("Issue", i.id) },
      iid: { type: "ID!", resolve: (i: IssueRecord) => String(i.iid) },
      projectId: { type: "Int!", resolve: (i: IssueRecord) => i.projectId },
      title: { type: "String!", resolve: (i: IssueRecord) => i.title },
      description: { type: "String", resolve: (i: IssueRecord) => i.description },
      state: { type: "IssueState!", resolve: (i: IssueRecord) => i.state },
      confidential: { type: "Boolean!", resolve: (i: IssueRecord) => i.confidential },
      createdAt: { type: "Time!", resolve: (i: IssueRecord) => gqlTime(i.createdAt) },
      updatedAt: { type: "Time!", resolve: (i: IssueRecord) => gqlTime(i.updatedAt) },
      webUrl: {
        type: "String!",
        resolve: (i: IssueRecord, _a, ctx) =>
          `${ctx.instanceUrl}/${ctx.state.projectById(i.projectId)?.pathWithNamespace ?? ""}/-/issues/${i.iid}`,
      },
      author: { type: "UserCore!", resolve: (i: IssueRecord, _a, ctx) => user(ctx, i.authorId) },
      milestone: {
        type: "Milestone",
        resolve: (i: IssueRecord, _a, ctx) =>
          i.milestoneId === null ? null : (ctx.state.milestoneById(i.milestoneId) ?? null),
      },
      notes: {
        type: "NoteConnection!",
        args: { filter: { type: "NotesFilterType", default: "ALL_NOTES" }, ...PAGE_ARGS },
        resolver: { connection: true },
        resolve: (i: IssueRecord, args, ctx) => noteConnection(ctx, i, args),
      },
    },
  },
  Milestone: {
    fields: {
      id: { type: "ID!", resolve: (m) => gid("Milestone", m.id) },
      iid: { type: "ID!", resolve: (m) => String(m.iid) },
      title: { type: "String!", resolve: (m) => m.title },
      state: { type: "MilestoneStateEnum!", resolve: (m) => m.state },
      // A date column through Types::TimeType: Date#iso8601, "2026-01-31".
      dueDate: { type: "Time", resolve: (m) => m.dueDate },
      startDate: { type: "Time", resolve: (m) => m.startDate },
    },
  },
  Note: {
    fields: {
      id: { type: "NoteID!", resolve: (n: NoteRecord) => gid("Note", n.id) },
      body: { type: "String!", resolve: (n: NoteRecord) => n.body },
      system: { type: "Boolean!", resolve: (n: NoteRecord) => n.system },
      internal: { type: "Boolean", resolve: (n: NoteRecord) => n.internal },
      createdAt: { type: "Time!", resolve: (n: NoteRecord) => gqlTime(n.createdAt) },
      updatedAt: { type: "Time!", resolve: (n: NoteRecord) => gqlTime(n.updatedAt) },
      author: { type: "UserCore", resolve: (n: NoteRecord, _a, ctx) => user(ctx, n.authorId) },
    },
  },
  UserCore: {
    fields: {
      id: { type: "UserID!", resolve: (u) => gid("User", u.id) },
      username: { type: "String!", resolve: (u) => u.username },
      name: { type: "String!", resolve: (u) => u.name },
    },
  },
};
