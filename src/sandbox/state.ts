// The live state of one sandboxed GitLab instance. Route handlers read and change it; tests
// read it for assertions and change it to set up a scene (sandbox.state("dev")). Records use
// camelCase; entities.ts turns them into GitLab's JSON.

import type { SandboxClock } from "./clock.js";
import type { Gates } from "./flipper.js";
import { Repository } from "./git.js";
import { type MergeOptions, mergeMergeRequest } from "./merge.js";
import type {
  FlagDefinition,
  GroupRecord,
  IssueRecord,
  LabelRecord,
  MilestoneRecord,
  NoteRecord,
  ProjectRecord,
  TokenRecord,
  UserRecord,
} from "./records.js";
import type {
  DeploymentRecord,
  EnvironmentRecord,
  IssueLinkRecord,
  MergeRequestRecord,
  RateLimitConfig,
} from "./records-more.js";

export type {
  FlagDefinition,
  GroupRecord,
  IssueRecord,
  LabelRecord,
  MilestoneRecord,
  NoteRecord,
  ProjectRecord,
  TokenRecord,
  UserRecord,
} from "./records.js";

type CounterKind =
  | "user"
  | "token"
  | "namespace"
  | "project"
  | "label"
  | "milestone"
  | "issue"
  | "note"
  | "merge_request"
  | "environment"
  | "deployment"
  | "issue_link"
  | "pipeline";

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
  /** Repositories by project id (created on first use: an empty repository). */
  readonly repositories = new Map<number, Repository>();
  readonly mergeRequests: MergeRequestRecord[] = [];
  readonly environments: EnvironmentRecord[] = [];
  readonly deployments: DeploymentRecord[] = [];
  readonly issueLinks: IssueLinkRecord[] = [];
  /** GitLab's authenticated API throttle; null = off (the default). */
  rateLimit: RateLimitConfig | null = null;
  /** Requests counted per "window:user" (Rack::Attack's cache keys). */
  readonly rateCounts = new Map<string, number>();
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

  repository(projectId: number): Repository {
    let repository = this.repositories.get(projectId);
    if (!repository) {
      repository = new Repository();
      this.repositories.set(projectId, repository);
    }
    return repository;
  }

  /** The next iid in a project for a kind of record (max + 1, as GitLab's InternalId does). */
  nextIid(items: readonly { projectId: number | null; iid: number }[], projectId: number): number {
    return Math.max(0, ...items.filter((i) => i.projectId === projectId).map((i) => i.iid)) + 1;
  }

  /**
   * For tests and the demo: merges a merge request as GitLab's merge would, creating the merge
   * commit (and the squash commit) on the target branch. Throws when it cannot be merged.
   */
  mergeMergeRequest(project: number | string, iid: number, options: MergeOptions = {}) {
    const found = this.projectByRef(String(project));
    const mr = found && this.mergeRequests.find((m) => m.projectId === found.id && m.iid === iid);
    if (!mr)
      throw new Error(`No merge request ${project}!${iid} on sandbox instance "${this.name}"`);
    return mergeMergeRequest(this, mr, options);
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
