// The seed: what each sandboxed GitLab instance holds when the sandbox starts. Validated with
// zod so that a typo in a test's seed fails at startup with the path and the bad value, not
// as a puzzling 404 halfway through a test.

import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { checkReferences } from "./seed-references.js";
import { checkMoreReferences } from "./seed-references-more.js";
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

const InstanceSeed = z.strictObject({
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

const ClockSeed = z.union([
  isoDate,
  z.strictObject({ now: isoDate.optional(), running: z.boolean().optional() }),
]);

/** Instance names become URL path segments: http://127.0.0.1:PORT/<name>/api/v4. */
const instanceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: "use lowercase letters, digits, - and _" })
  .refine((name) => name !== "api", { message: '"api" is reserved' });

export const SandboxSeedSchema = z
  .strictObject({
    clock: ClockSeed.optional(),
    instances: z.record(instanceName, InstanceSeed),
  })
  .superRefine((seed, ctx) => {
    for (const [name, instance] of Object.entries(seed.instances)) {
      checkReferences(instance, ["instances", name], ctx);
      checkMoreReferences(instance, ["instances", name], ctx);
    }
  });

export type SandboxSeed = z.input<typeof SandboxSeedSchema>;
export type ParsedSeed = z.output<typeof SandboxSeedSchema>;
export type InstanceSeed = z.output<typeof InstanceSeed>;
export type SeedUser = z.output<typeof UserSeed>;
export type SeedDefinition = z.output<typeof DefinitionSeed>;

export class SeedError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = "SeedError";
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Validates a seed object; throws SeedError listing every problem with its path and value. */
export function parseSeed(input: unknown, source = "seed"): ParsedSeed {
  const result = SandboxSeedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((problem) => {
    const path = problem.path.map(String).join(".") || "(root)";
    if (problem.code === "invalid_key") {
      // A bad instance name: say why, and show the name rather than the instance's content.
      const why = problem.issues.map((inner) => inner.message).join("; ");
      return `${path}: invalid instance name: ${why} (got ${describeValue(problem.path.at(-1))})`;
    }
    return `${path}: ${problem.message} (got ${describeValue(valueAt(input, problem.path))})`;
  });
  throw new SeedError(`Invalid sandbox ${source}:\n  ${problems.join("\n  ")}`, problems);
}

/** Loads a seed from an object, or from a YAML or JSON file path (YAML is a superset of JSON). */
export function loadSeed(seed: SandboxSeed | string): ParsedSeed {
  if (typeof seed !== "string") return parseSeed(seed);
  let text: string;
  try {
    text = readFileSync(seed, "utf8");
  } catch (error) {
    throw new SeedError(`Cannot read sandbox seed file ${seed}: ${(error as Error).message}`, []);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new SeedError(
      `Sandbox seed file ${seed} is not valid YAML/JSON: ${(error as Error).message}`,
      [],
    );
  }
  return parseSeed(data, `seed file ${seed}`);
}
