// What one sandboxed instance holds in a seed: users, tokens, projects, flags, issues, notes and
// the rest, as zod shapes. The whole seed (seed.ts) adds the clock, the instance names and the
// cross-reference checks, which read these shapes' output type.

import { z } from "zod";
import {
  DeploymentSeed,
  EnvironmentSeed,
  IssueLinkSeed,
  isoDate,
  MergeRequestSeed,
  projectPath,
  RateLimitSeed,
  RepositorySeed,
} from "./seed-schemas-more.js";

/** A YYYY-MM-DD date, as GitLab stores token expiry and due dates. */
const dayDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected YYYY-MM-DD" });

const username = z.string().min(1);

const TokenSeed = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().min(1),
  /** The secret. Never logged, never echoed: filtered wherever it appears, so keep it distinctive. */
  token: z.string().min(8, { message: "use a distinctive token of 8 or more characters" }),
  scopes: z.array(z.string().min(1)).min(1).default(["api"]),
  expires_at: dayDate.nullable().default(null),
  revoked: z.boolean().default(false),
  description: z.string().nullable().default(null),
  created_at: isoDate.optional(),
});

const UserSeed = z.strictObject({
  id: z.number().int().positive(),
  username,
  name: z.string().optional(),
  admin: z.boolean().default(false),
  state: z.enum(["active", "blocked"]).default("active"),
  /** Id of the user's personal namespace (a namespace actor resolves to it). */
  namespace_id: z.number().int().positive().optional(),
  tokens: z.array(TokenSeed).default([]),
});

const GroupSeed = z.strictObject({
  id: z.number().int().positive(),
  full_path: z.string().regex(/^[^/\s]+(\/[^/\s]+)*$/, { message: "expected a group path" }),
  name: z.string().optional(),
});

const ProjectSeed = z.strictObject({
  id: z.number().int().positive(),
  path_with_namespace: projectPath,
  name: z.string().optional(),
  default_branch: z.string().min(1).default("main"),
  description: z.string().nullable().default(null),
  /** Usernames allowed to see and change the project; absent = every user. Admins always. */
  members: z.array(username).optional(),
  created_at: isoDate.optional(),
});

const GatesSeed = z.strictObject({
  boolean: z.boolean().default(false),
  percentage_of_actors: z.number().min(0).max(100).default(0),
  percentage_of_time: z.number().min(0).max(100).default(0),
  actors: z.array(z.string().min(1)).default([]),
  groups: z.array(z.string().min(1)).default([]),
});

const FeatureSeed = z.strictObject({
  name: z.string().min(1),
  gates: GatesSeed.default({
    boolean: false,
    percentage_of_actors: 0,
    percentage_of_time: 0,
    actors: [],
    groups: [],
  }),
});

/** A YAML flag definition (config/feature_flags/<type>/<name>.yml), fields as GitLab has them. */
const DefinitionSeed = z.looseObject({
  name: z.string().min(1),
  type: z.string().optional(),
  default_enabled: z.boolean().optional(),
});

const LabelSeed = z.strictObject({
  project: projectPath,
  id: z.number().int().positive().optional(),
  name: z.string().min(1),
  color: z.string().default("#6699cc"),
});

/** A project milestone (`project`) or a group milestone (`group`). */
const MilestoneSeed = z
  .strictObject({
    project: projectPath.optional(),
    group: z.string().min(1).optional(),
    id: z.number().int().positive(),
    iid: z.number().int().positive(),
    title: z.string().min(1),
    description: z.string().nullable().default(null),
    state: z.enum(["active", "closed"]).default("active"),
    due_date: dayDate.nullable().default(null),
    start_date: dayDate.nullable().default(null),
    created_at: isoDate.optional(),
  })
  .refine((m) => (m.project === undefined) !== (m.group === undefined), {
    message: "give exactly one of project or group",
  });

const IssueSeed = z.strictObject({
  project: projectPath,
  iid: z.number().int().positive(),
  id: z.number().int().positive().optional(),
  title: z.string().min(1),
  description: z.string().nullable().default(null),
  state: z.enum(["opened", "closed"]).default("opened"),
  labels: z.array(z.string().min(1)).default([]),
  author: username,
  assignees: z.array(username).default([]),
  /** Milestone title (in the same project). */
  milestone: z.string().optional(),
  due_date: dayDate.nullable().default(null),
  confidential: z.boolean().default(false),
  created_at: isoDate.optional(),
  updated_at: isoDate.optional(),
  closed_at: isoDate.optional(),
});

const NoteSeed = z.strictObject({
  project: projectPath,
  issue_iid: z.number().int().positive(),
  id: z.number().int().positive().optional(),
  body: z.string(),
  author: username,
  system: z.boolean().default(false),
  internal: z.boolean().default(false),
  created_at: isoDate.optional(),
  updated_at: isoDate.optional(),
});

export const InstanceSeed = z.strictObject({
  /** Instance-wide "Admin Mode": an admin's token acts as admin only with the admin_mode scope. */
  admin_mode: z.boolean().default(false),
  users: z.array(UserSeed).default([]),
  groups: z.array(GroupSeed).default([]),
  projects: z.array(ProjectSeed).default([]),
  features: z.array(FeatureSeed).default([]),
  definitions: z.array(DefinitionSeed).default([]),
  labels: z.array(LabelSeed).default([]),
  milestones: z.array(MilestoneSeed).default([]),
  issues: z.array(IssueSeed).default([]),
  notes: z.array(NoteSeed).default([]),
  repositories: z.array(RepositorySeed).default([]),
  merge_requests: z.array(MergeRequestSeed).default([]),
  environments: z.array(EnvironmentSeed).default([]),
  deployments: z.array(DeploymentSeed).default([]),
  issue_links: z.array(IssueLinkSeed).default([]),
  /** Off unless given: GitLab's authenticated API rate limit, answering 429 past it. */
  rate_limit: RateLimitSeed.optional(),
});
export type InstanceSeed = z.output<typeof InstanceSeed>;
