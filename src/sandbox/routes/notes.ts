// Issue notes (lib/api/notes.rb, lib/api/helpers/notes_helpers.rb, Notes::CreateService).
// The route param is named :noteable_id as on GitLab, so Link headers and error messages
// ("noteable_id is invalid") carry GitLab's name; clients call it issue_iid.

import type { ApiRoute, RouteContext } from "../context.js";
import { noteEntity } from "../entities-issue.js";
import { badRequest, forbidden, json, noContent, notFound } from "../http.js";
import { applyIssueChange } from "../issue-change.js";
import { interpretCommands } from "../issue-commands.js";
import { findNoteableIssue, findProject, intParam } from "../lookup.js";
import { paginate, readPageRequest } from "../pagination.js";
import { declareParams } from "../params.js";
import { extractQuickActions } from "../quick-actions.js";
import type { IssueRecord, NoteRecord } from "../state.js";

/** The notes API class registers ai_workflows (GET/POST) before API::API's scopes. */
const notesAuth = {
  level: "user",
  extraScopes: [{ name: "ai_workflows", methods: ["GET", "HEAD", "POST"] }],
} as const;

/** Note::MAX_NOTE_LENGTH. */
const NOTE_MAX = 1_000_000;

function noteable(ctx: RouteContext): IssueRecord {
  const iid = intParam(ctx, "noteable_id");
  return findNoteableIssue(ctx, findProject(ctx), iid);
}

function findNote(ctx: RouteContext, issue: IssueRecord): NoteRecord {
  const id = intParam(ctx, "note_id");
  // noteable.notes.find(id): ActiveRecord::RecordNotFound -> "404 Not found".
  const note = ctx.state.notesOf(issue.id).find((entry) => entry.id === id);
  if (!note) throw notFound();
  return note;
}

function listNotes(ctx: RouteContext) {
  const declared = declareParams(ctx.input, {
    params: [
      {
        name: "order_by",
        type: "string",
        values: ["created_at", "updated_at"],
        default: "created_at",
      },
      { name: "sort", type: "string", values: ["asc", "desc"], default: "desc" },
      {
        name: "activity_filter",
        type: "string",
        values: ["all_notes", "only_comments", "only_activity"],
        default: "all_notes",
      },
    ],
  });
  const page = readPageRequest(ctx.input);
  const issue = noteable(ctx);
  const field = declared.order_by === "updated_at" ? "updatedAt" : "createdAt";
  const direction = declared.sort === "asc" ? 1 : -1;
  const notes = ctx.state
    .notesOf(issue.id)
    .filter((note) =>
      declared.activity_filter === "only_comments"
        ? !note.system
        : declared.activity_filter === "only_activity"
          ? note.system
          : true,
    )
    // order_options_with_tie_breaker: the chosen column, then id, same direction.
    .sort((a, b) => direction * (a[field].localeCompare(b[field]) || a.id - b.id));
  const { items, headers } = paginate(notes, {
    request: page,
    url: ctx.requestUrl,
    linkParams: {
      ...withoutSecrets(ctx.input),
      ...declared,
      id: ctx.params.id,
      noteable_id: issue.iid,
    },
  });
  return json(
    200,
    items.map((note) => noteEntity(ctx.state, note, ctx.instanceUrl)),
    headers,
  );
}

/** Grape's `params` repeat everything sent; the sandbox keeps tokens out of Link headers. */
function withoutSecrets(input: Record<string, unknown>): Record<string, unknown> {
  const { private_token: _p, access_token: _a, ...rest } = input;
  return rest;
}

/** The quick-action pass on a note body, then the commands run on the issue. */
function runNoteCommands(ctx: RouteContext, issue: IssueRecord, body: string) {
  const { text, commands } = extractQuickActions(body);
  const outcome = interpretCommands(ctx.state, issue, commands);
  return { text, commands, outcome };
}

function createNote(ctx: RouteContext) {
  const p = declareParams(ctx.input, {
    params: [
      { name: "body", type: "string", required: true },
      { name: "confidential", type: "boolean" },
      { name: "internal", type: "boolean" },
      { name: "created_at", type: "string" },
    ],
  });
  const issue = noteable(ctx);
  const { text, commands, outcome } = runNoteCommands(ctx, issue, p.body as string);
  if (text === "" && commands.length > 0) {
    // A command-only note is not saved: 202 with what the commands did (NoteCommands entity).
    applyIssueChange(ctx.state, issue, ctx.auth.user, outcome.change);
    return json(202, { commands_changes: outcome.commandsChanges, summary: outcome.messages });
  }
  if (text.trim() === "") throw badRequest(`Note {:note=>["can't be blank"]}`);
  if (text.length > NOTE_MAX) throw tooLong();
  // Only administrators (and owners) may backdate a note; for others created_at is ignored.
  const backdated =
    ctx.auth.admin && typeof p.created_at === "string" ? Date.parse(p.created_at) : Number.NaN;
  const note = ctx.state.addNote(issue, ctx.auth.user.id, text, {
    internal: Boolean(p.internal ?? p.confidential ?? false),
    ...(Number.isNaN(backdated) ? {} : { at: new Date(backdated).toISOString() }),
  });
  // The note is saved first; its commands then run as an issue update.
  applyIssueChange(ctx.state, issue, ctx.auth.user, outcome.change);
  return json(201, {
    ...noteEntity(ctx.state, note, ctx.instanceUrl),
    commands_changes: outcome.commandsChanges,
  });
}

const tooLong = () =>
  badRequest(`Note {:note=>["is too long (maximum is ${NOTE_MAX} characters)"]}`);

function updateNote(ctx: RouteContext) {
  const p = declareParams(ctx.input, {
    params: [
      { name: "body", type: "string", notBlank: true },
      { name: "confidential", type: "boolean" },
    ],
  });
  const issue = noteable(ctx);
  const note = findNote(ctx, issue);
  // NotePolicy admin_note: the author or an administrator, and never a system note.
  if (note.system || !(ctx.auth.admin || note.authorId === ctx.auth.user.id)) throw forbidden();
  if (typeof p.body === "string") {
    const { text, commands, outcome } = runNoteCommands(ctx, issue, p.body);
    applyIssueChange(ctx.state, issue, ctx.auth.user, outcome.change);
    if (text === "" && commands.length > 0) {
      // Notes::UpdateService deletes a note edited down to commands only.
      ctx.state.noteList.splice(ctx.state.noteList.indexOf(note), 1);
      return json(202, { commands_changes: outcome.commandsChanges, summary: outcome.messages });
    }
    if (text.length > NOTE_MAX) throw tooLong();
    if (text !== note.body) {
      note.body = text;
      note.updatedAt = ctx.state.stamp();
    }
  }
  return json(200, noteEntity(ctx.state, note, ctx.instanceUrl));
}

/** delete_note (lib/api/helpers/notes_helpers.rb): admin_note, then 204 (destroy_conditionally!). */
function deleteNote(ctx: RouteContext) {
  const issue = noteable(ctx);
  const note = findNote(ctx, issue);
  if (note.system || !(ctx.auth.admin || note.authorId === ctx.auth.user.id)) throw forbidden();
  ctx.state.noteList.splice(ctx.state.noteList.indexOf(note), 1);
  return noContent();
}

export const noteRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id/issues/:noteable_id/notes",
    auth: notesAuth,
    handler: listNotes,
  },
  {
    method: "GET",
    pattern: "/projects/:id/issues/:noteable_id/notes/:note_id",
    auth: notesAuth,
    handler: (ctx) =>
      json(200, noteEntity(ctx.state, findNote(ctx, noteable(ctx)), ctx.instanceUrl)),
  },
  {
    method: "POST",
    pattern: "/projects/:id/issues/:noteable_id/notes",
    auth: notesAuth,
    handler: createNote,
  },
  {
    method: "PUT",
    pattern: "/projects/:id/issues/:noteable_id/notes/:note_id",
    auth: notesAuth,
    handler: updateNote,
  },
  {
    method: "DELETE",
    pattern: "/projects/:id/issues/:noteable_id/notes/:note_id",
    auth: notesAuth,
    handler: deleteNote,
  },
];
