// Issues and their notes on the issues instance, through gitbeaker, checked at the boundary with
// zod (tolerant of fields we do not use). The engine depends on the IssueStore interface only.

import { IssueLinks } from "@gitbeaker/rest";
import { z } from "zod";
import { parseIssueRef } from "../config/issue-ref.js";
import type { IssueRef } from "../config.js";
import type { SafeMarkdown, StoredDescription } from "../report/safe-markdown.js";
import { allPages } from "./all-pages.js";
import type { GitLabClient } from "./client.js";
import { findMilestone, listMilestones, type Milestone } from "./milestones.js";
import { outgoing } from "./outgoing.js";
import { parseAnswer } from "./parse-answer.js";

export type { Milestone } from "./milestones.js";

const NOTES_PER_PAGE = 100;

const issueSchema = z.looseObject({
  id: z.number(),
  iid: z.number(),
  project_id: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  state: z.string(),
  updated_at: z.string(),
  web_url: z.string(),
  milestone: z
    .looseObject({
      id: z.number(),
      title: z.string(),
      due_date: z.string().nullable().optional(),
      start_date: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

const noteSchema = z.looseObject({
  id: z.number(),
  body: z.string(),
  system: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  author: z.looseObject({ id: z.number(), username: z.string() }),
});

export interface Issue {
  ref: IssueRef;
  id: number;
  projectId: number;
  title: string;
  description: string;
  state: string;
  updatedAt: string;
  webUrl: string;
  milestone: {
    id: number;
    title: string;
    dueDate: string | null;
    startDate?: string | null;
  } | null;
}

export interface Note {
  id: number;
  body: string;
  system: boolean;
  createdAt: string;
  updatedAt: string;
  author: string;
}

export interface IssueStore {
  getIssue(ref: IssueRef): Promise<Issue>;
  updateDescription(ref: IssueRef, description: StoredDescription): Promise<Issue>;
  /**
   * Every note, oldest first, system notes included (callers skip them). `expected`: about how
   * many there are (an earlier read's count), so that every page is asked for at once.
   */
  listNotes(ref: IssueRef, expected?: number): Promise<Note[]>;
  /** The newest notes, newest first: one page, for checking what happened just now. */
  recentNotes(ref: IssueRef, count: number): Promise<Note[]>;
  /** The username of the token's user. */
  whoAmI(): Promise<string>;
  /** An active milestone by title in the project or one of its ancestor groups. */
  findMilestone(project: string, title: string): Promise<{ id: number; title: string } | undefined>;
  setMilestone(ref: IssueRef, milestoneId: number): Promise<Issue>;
  /** The project's and its ancestor groups' milestones, every page; `state` "all" by default. */
  listMilestones(
    project: string,
    filter: { state?: "active" | "closed"; title?: string },
  ): Promise<Milestone[]>;
  /** Issues linked to this one. */
  listLinks(ref: IssueRef): Promise<IssueRef[]>;
  addLink(ref: IssueRef, target: IssueRef): Promise<void>;
  /** Open issues with a label in a project or a group, every page. */
  listOpenIssues(scope: { project: string } | { group: string }, label: string): Promise<Issue[]>;
  /** Bodies are built by safe-markdown.ts: GitLab runs quick actions in notes as the bot. */
  createNote(ref: IssueRef, body: SafeMarkdown, internal: boolean): Promise<Note>;
  updateNote(ref: IssueRef, noteId: number, body: SafeMarkdown): Promise<Note>;
  /** Deletes one of the token user's own notes (a released lease). */
  deleteNote(ref: IssueRef, noteId: number): Promise<void>;
}

export class GitLabIssues implements IssueStore {
  private me: Promise<string> | undefined;

  constructor(private readonly client: GitLabClient) {}

  async getIssue(ref: IssueRef): Promise<Issue> {
    const body = await this.client.issues.show(ref.iid, { projectId: ref.project });
    return this.toIssue(ref, body, "GET");
  }

  async updateDescription(ref: IssueRef, description: StoredDescription): Promise<Issue> {
    const body = await this.client.issues.edit(ref.project, ref.iid, { description });
    return this.toIssue(ref, body, "PUT");
  }

  async listNotes(ref: IssueRef, expected?: number): Promise<Note[]> {
    // GitLab sorts notes newest first by default; the history reads oldest first. Every page
    // after the first is read at once (all-pages.ts): two round trips at any length, one when
    // the count is known from a read just before (a few more notes may have come since).
    const pages = expected === undefined ? 1 : Math.ceil((expected + 10) / NOTES_PER_PAGE);
    const notes = await allPages(async (page) => {
      const { data, paginationInfo } = await this.client.issueNotes.all(ref.project, ref.iid, {
        sort: "asc",
        orderBy: "created_at",
        perPage: NOTES_PER_PAGE,
        page,
        showExpanded: true,
      });
      return { data, totalPages: paginationInfo.totalPages, next: paginationInfo.next };
    }, pages);
    // The pages are read at nearly, not exactly, the same moment: a note never counts twice.
    const seen = new Set<number>();
    return this.parse(z.array(noteSchema), notes, "GET", notesPath(ref))
      .filter((note) => !seen.has(note.id) && seen.add(note.id))
      .map(toNote);
  }

  async recentNotes(ref: IssueRef, count: number): Promise<Note[]> {
    const body = await this.client.issueNotes.all(ref.project, ref.iid, {
      sort: "desc",
      orderBy: "created_at",
      perPage: Math.min(count, 100),
      page: 1,
    });
    return this.parse(z.array(noteSchema), body, "GET", notesPath(ref)).map(toNote);
  }

  async whoAmI(): Promise<string> {
    this.me ??= this.client.requester.get("user").then((response) => {
      const user = this.parse(
        z.looseObject({ username: z.string() }),
        response.body,
        "GET",
        "user",
      );
      return user.username;
    });
    return this.me;
  }

  findMilestone(
    project: string,
    title: string,
  ): Promise<{ id: number; title: string } | undefined> {
    return findMilestone(this.client, project, title);
  }

  listMilestones(
    project: string,
    filter: { state?: "active" | "closed"; title?: string },
  ): Promise<Milestone[]> {
    return listMilestones(this.client, project, filter);
  }

  async setMilestone(ref: IssueRef, milestoneId: number): Promise<Issue> {
    const body = await this.client.issues.edit(ref.project, ref.iid, { milestoneId });
    return this.toIssue(ref, body, "PUT");
  }

  async listLinks(ref: IssueRef): Promise<IssueRef[]> {
    const body = await this.client.resource(IssueLinks).all(ref.project, ref.iid);
    const list = this.parse(
      z.array(z.looseObject({ web_url: z.string() })),
      body,
      "GET",
      `${issuePath(ref)}/links`,
    );
    return list.flatMap((linked) => {
      const parsed = parseIssueRef(linked.web_url, this.client.url);
      return "error" in parsed ? [] : [parsed];
    });
  }

  async addLink(ref: IssueRef, target: IssueRef): Promise<void> {
    await this.client
      .resource(IssueLinks)
      .create(ref.project, ref.iid, target.project, target.iid, {
        linkType: "relates_to",
      } as never);
  }

  async listOpenIssues(
    scope: { project: string } | { group: string },
    label: string,
  ): Promise<Issue[]> {
    const body = await this.client.issues.all({
      ...("project" in scope ? { projectId: scope.project } : { groupId: scope.group }),
      state: "opened",
      labels: label,
      perPage: 100,
    } as never);
    const list = this.parse(z.array(issueSchema), body, "GET", "issues");
    return list.flatMap((issue) => {
      const ref = parseIssueRef(issue.web_url, this.client.url);
      return "error" in ref ? [] : [this.toIssue(ref, issue, "GET")];
    });
  }

  /** One page (100) of listOpenIssues, newest first, for a reader that streams: and the next page's number. */
  /** A page of the open issues with the label in a scope, or of one project's closed ones by iid. */
  async issuesPage(
    selection:
      | { state: "opened"; scope: { project: string } | { group: string } }
      | { state: "closed"; project: string; iids: number[] },
    label: string,
    page: number,
  ): Promise<{ issues: Issue[]; next: number | null }> {
    const where =
      selection.state === "closed"
        ? { projectId: selection.project, iids: selection.iids }
        : "project" in selection.scope
          ? { projectId: selection.scope.project }
          : { groupId: selection.scope.group };
    const { data, paginationInfo } = (await this.client.issues.all({
      ...where,
      state: selection.state,
      labels: label,
      perPage: 100,
      page,
      showExpanded: true,
    } as never)) as unknown as { data: unknown; paginationInfo: { next: number | null } };
    const list = this.parse(z.array(issueSchema), data, "GET", "issues");
    const issues = list.flatMap((issue) => {
      const ref = parseIssueRef(issue.web_url, this.client.url);
      return "error" in ref ? [] : [this.toIssue(ref, issue, "GET")];
    });
    return { issues, next: paginationInfo.next };
  }

  async createNote(ref: IssueRef, body: SafeMarkdown, internal: boolean): Promise<Note> {
    const text = outgoing(body, "note");
    const created = await this.client.issueNotes.create(ref.project, ref.iid, text, {
      ...(internal ? { internal: true } : {}),
    });
    return toNote(this.parse(noteSchema, created, "POST", notesPath(ref)));
  }

  async updateNote(ref: IssueRef, noteId: number, body: SafeMarkdown): Promise<Note> {
    const updated = await this.client.issueNotes.edit(ref.project, ref.iid, noteId, {
      body: outgoing(body, "note"),
    });
    return toNote(this.parse(noteSchema, updated, "PUT", `${notesPath(ref)}/${noteId}`));
  }

  async deleteNote(ref: IssueRef, noteId: number): Promise<void> {
    // DELETE answers 204 No Content (lib/api/notes.rb, destroy_conditionally!).
    await this.client.issueNotes.remove(ref.project, ref.iid, noteId);
  }

  private toIssue(ref: IssueRef, body: unknown, method: string): Issue {
    const issue = this.parse(issueSchema, body, method, issuePath(ref));
    return {
      ref,
      id: issue.id,
      projectId: issue.project_id,
      title: issue.title,
      description: issue.description ?? "",
      state: issue.state,
      updatedAt: issue.updated_at,
      webUrl: issue.web_url,
      milestone: issue.milestone
        ? {
            id: issue.milestone.id,
            title: issue.milestone.title,
            dueDate: issue.milestone.due_date ?? null,
            startDate: issue.milestone.start_date ?? null,
          }
        : null,
    };
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown, method: string, path: string): T {
    return parseAnswer(this.client, schema, body, method, path);
  }
}

function toNote(note: z.infer<typeof noteSchema>): Note {
  return {
    id: note.id,
    body: note.body,
    system: note.system,
    createdAt: note.created_at,
    updatedAt: note.updated_at,
    author: note.author.username,
  };
}

function issuePath(ref: IssueRef): string {
  return `projects/${encodeURIComponent(ref.project)}/issues/${ref.iid}`;
}

function notesPath(ref: IssueRef): string {
  return `${issuePath(ref)}/notes`;
}
