// The live state of one sandboxed GitLab instance. Route handlers read and change it; tests
// read it for assertions and change it to set up a scene (sandbox.state("dev")). Records use
// camelCase; entities.ts turns them into GitLab's JSON.

import type { SandboxClock } from "./clock.js";
import type { Gates } from "./flipper.js";

export interface UserRecord {
  id: number;
  username: string;
  name: string;
  admin: boolean;
  state: "active" | "blocked";
  /** The user's personal namespace (Namespaces::UserNamespace). */
  namespaceId: number;
  createdAt: string;
}

export interface TokenRecord {
  id: number;
  userId: number;
  name: string;
  /** The secret. Never logged, never rendered by an endpoint. */
  token: string;
  scopes: string[];
  /** YYYY-MM-DD; the token stops working at midnight UTC that day. */
  expiresAt: string | null;
  revoked: boolean;
  description: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface GroupRecord {
  id: number;
  name: string;
  path: string;
  fullPath: string;
  parentId: number | null;
}

export interface ProjectRecord {
  id: number;
  name: string;
  path: string;
  pathWithNamespace: string;
  namespaceId: number;
  namespaceKind: "group" | "user";
  defaultBranch: string;
  description: string | null;
  /** User ids allowed in; null = everyone (admins always are). */
  memberIds: number[] | null;
  createdAt: string;
}

export interface LabelRecord {
  id: number;
  projectId: number;
  name: string;
  color: string;
}

export interface MilestoneRecord {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  state: "active" | "closed";
  dueDate: string | null;
  startDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IssueRecord {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  /** "" when the issue has none. */
  description: string;
  state: "opened" | "closed";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedById: number | null;
  /** Label names; GitLab renders them sorted. */
  labels: string[];
  milestoneId: number | null;
  authorId: number;
  assigneeIds: number[];
  dueDate: string | null;
  confidential: boolean;
  discussionLocked: boolean | null;
}

export interface NoteRecord {
  id: number;
  issueId: number;
  projectId: number;
  body: string;
  authorId: number;
  system: boolean;
  internal: boolean;
  createdAt: string;
  updatedAt: string;
}

export type FlagDefinition = Record<string, unknown> & { name: string };

type CounterKind =
  | "user"
  | "token"
  | "namespace"
  | "project"
  | "label"
  | "milestone"
  | "issue"
  | "note";

export class InstanceState {
  readonly users: UserRecord[] = [];
  readonly tokens: TokenRecord[] = [];
  readonly groups: GroupRecord[] = [];
  readonly projects: ProjectRecord[] = [];
  readonly labels: LabelRecord[] = [];
  readonly milestones: MilestoneRecord[] = [];
  readonly issues: IssueRecord[] = [];
  /** Every note of every issue, in creation order; see notes(project, iid). */
  readonly noteList: NoteRecord[] = [];
  /** Persisted flags, in the order they were first written (Feature.all). */
  readonly features = new Map<string, Gates>();
  readonly definitions = new Map<string, FlagDefinition>();
  adminMode = false;
  private readonly counters = new Map<CounterKind, number>();

  constructor(
    readonly name: string,
    readonly clock: SandboxClock,
  ) {}

  /** Next id for a kind of record; starts above every seeded id. */
  nextId(kind: CounterKind): number {
    const next = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, next);
    return next;
  }

  /** Makes the counter continue above an id that was given explicitly. */
  reserveId(kind: CounterKind, id: number): void {
    this.counters.set(kind, Math.max(this.counters.get(kind) ?? 0, id));
  }

  /** A timestamp for a write, strictly increasing (see SandboxClock.stamp). */
  stamp(): string {
    return this.clock.stamp().toISOString();
  }

  userById(id: number): UserRecord | undefined {
    return this.users.find((user) => user.id === id);
  }

  /** Usernames are case-insensitive on GitLab. */
  userByUsername(username: string): UserRecord | undefined {
    const wanted = username.toLowerCase();
    return this.users.find((user) => user.username.toLowerCase() === wanted);
  }

  tokenByValue(value: string): TokenRecord | undefined {
    return this.tokens.find((token) => token.token === value);
  }

  groupByPath(fullPath: string): GroupRecord | undefined {
    const wanted = fullPath.toLowerCase();
    return this.groups.find((group) => group.fullPath.toLowerCase() === wanted);
  }

  groupById(id: number): GroupRecord | undefined {
    return this.groups.find((group) => group.id === id);
  }

  /** A numeric id or a full path (routes are matched case-insensitively, like GitLab's). */
  projectByRef(ref: string): ProjectRecord | undefined {
    if (/^\d+$/.test(ref)) return this.projects.find((project) => project.id === Number(ref));
    const wanted = ref.toLowerCase();
    return this.projects.find((project) => project.pathWithNamespace.toLowerCase() === wanted);
  }

  projectById(id: number): ProjectRecord | undefined {
    return this.projects.find((project) => project.id === id);
  }

  findIssue(projectId: number, iid: number): IssueRecord | undefined {
    return this.issues.find((issue) => issue.projectId === projectId && issue.iid === iid);
  }

  /** For tests and the demo: the issue, by project id or path; throws when there is none. */
  issue(project: number | string, iid: number): IssueRecord {
    const found = this.projectByRef(String(project));
    const issue = found && this.findIssue(found.id, iid);
    if (!issue) throw new Error(`No issue ${project}#${iid} on sandbox instance "${this.name}"`);
    return issue;
  }

  /** For tests and the demo: the issue's notes, system notes included, oldest first. */
  notes(project: number | string, iid: number): NoteRecord[] {
    return this.notesOf(this.issue(project, iid).id);
  }

  notesOf(issueId: number): NoteRecord[] {
    return this.noteList.filter((note) => note.issueId === issueId);
  }

  milestoneById(id: number): MilestoneRecord | undefined {
    return this.milestones.find((milestone) => milestone.id === id);
  }

  labelByName(projectId: number, name: string): LabelRecord | undefined {
    return this.labels.find((label) => label.projectId === projectId && label.name === name);
  }

  /** The issues API creates labels that do not exist yet. */
  ensureLabel(projectId: number, name: string): LabelRecord {
    const existing = this.labelByName(projectId, name);
    if (existing) return existing;
    const label = { id: this.nextId("label"), projectId, name, color: "#6699cc" };
    this.labels.push(label);
    return label;
  }

  /** Adds a note to an issue, as its author would (touching the issue's updated_at). */
  addNote(
    issue: IssueRecord,
    authorId: number,
    body: string,
    options: NoteOptions = {},
  ): NoteRecord {
    const at = options.at ?? this.stamp();
    const note: NoteRecord = {
      id: this.nextId("note"),
      issueId: issue.id,
      projectId: issue.projectId,
      body,
      authorId,
      system: options.system ?? false,
      internal: options.internal ?? false,
      createdAt: at,
      updatedAt: at,
    };
    this.noteList.push(note);
    // Note belongs_to :noteable with touch: true, so a comment moves the issue's updated_at.
    if (at > issue.updatedAt) issue.updatedAt = at;
    return note;
  }
}

export interface NoteOptions {
  system?: boolean;
  internal?: boolean;
  at?: string;
}
