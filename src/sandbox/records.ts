// The records an InstanceState holds, camelCase; entities*.ts turn them into GitLab's JSON.
// (Split out of state.ts, which re-exports them.)

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
  /** Set for a project milestone; a group milestone has groupId instead. */
  projectId: number | null;
  groupId: number | null;
  title: string;
  description: string | null;
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
