// Finds and reads a flag's YAML definition, config/feature_flags/<type>/<name>.yml or its ee/
// twin, in the definition project's default branch. GitLab has no lookup by flag name, so: try
// the path already known (where this run found it before: one request), else the likeliest
// path, else list the type folders (two tree requests) and probe each <folder>/<name>.yml,
// likeliest types first.

import { Repositories, RepositoryFiles } from "@gitbeaker/rest";
import { parse } from "yaml";
import { z } from "zod";
import type { DefinitionLookup } from "../engine/release-port.js";
import type { GitLabClient } from "./client.js";
import { orAbsent } from "./not-found.js";
import type { ProjectInfo } from "./projects.js";

const ROOTS = ["config/feature_flags", "ee/config/feature_flags"];
// doc/development/feature_flags: gitlab_com_derisk is today's default for a rollout; beta is
// the other type that is rolled out and then released (the only ones a release may default on).
const LIKELY = [
  "gitlab_com_derisk",
  "beta",
  "wip",
  "ops",
  "experiment",
  "worker",
  "development",
  "undefined",
];

const tree = z.array(z.looseObject({ name: z.string(), type: z.string(), path: z.string() }));
const file = z.looseObject({
  content: z.string(),
  encoding: z.string(),
  last_commit_id: z.string(),
});

// The fields GitLab requires of a definition (Feature::Definition::PARAMS and its validation).
const definition = z.looseObject({
  name: z.string({ error: "name is missing" }),
  type: z.string({ error: "type is missing" }),
  default_enabled: z.boolean({ error: "default_enabled must be true or false" }),
  introduced_by_url: z
    .string({ error: "introduced_by_url is missing" })
    .regex(/\/-\/merge_requests\/\d+/, {
      error: "introduced_by_url must link a merge request",
    }),
  milestone: z.union([z.string(), z.number()], { error: "milestone is missing" }).transform(String),
  group: z.string({ error: "group is missing" }),
  feature_issue_url: z.string().nullable().optional(),
  rollout_issue_url: z.string().nullable().optional(),
});

export async function findDefinition(
  client: GitLabClient,
  /** The definition project, as read once per run; its default branch names the ref read. */
  project: { path: string; info: () => Promise<ProjectInfo> },
  flag: string,
  /** A commit to read at instead of the default branch (cleanup: before the definition went). */
  at?: string,
  /** Where the definition was found before (another read of the same run): tried first. */
  known?: string,
): Promise<DefinitionLookup> {
  // HEAD is the default branch (GitLab points it there; Project#commit's own default ref is
  // 'HEAD', app/models/project.rb), so the files and tree reads need not wait for the project
  // read: they go out with it. The definition keeps the branch's name as its ref (cleanup's MR
  // targets it).
  const read = at ?? "HEAD";
  const ref = at !== undefined ? Promise.resolve(at) : project.info().then((p) => p.defaultBranch);
  // Without a known path, most flags in rollout are gitlab_com_derisk: one request finds them.
  // The type folders are listed at the same time (two tree requests), so a flag of another type
  // costs one more round trip, not two: every candidate folder is then probed at once. A path
  // known from an earlier read of the same run is read alone first.
  const likely = known ?? `${ROOTS[0]}/${LIKELY[0]}/${flag}.yml`;
  const firstRead = orAbsent(client.resource(RepositoryFiles).show(project.path, likely, read));
  const list = () =>
    Promise.all(
      ROOTS.map(async (root) => {
        const body = await orAbsent(
          client.resource(Repositories).allRepositoryTrees(project.path, {
            path: root,
            ref: read,
            perPage: 100,
          } as never),
        );
        const entries = body === undefined ? [] : tree.parse(body);
        return entries.filter((e) => e.type === "tree").map((e) => e.path);
      }),
    );
  // Nothing left under way when one of them fails: the first failure is the one reported.
  const [first, listed, branch] = await settleAll([
    firstRead,
    known === undefined ? list() : Promise.resolve(undefined),
    ref,
  ]);
  if (first !== undefined) return readDefinition(likely, file.parse(first), flag, branch);
  const folders = listed ?? (await list());
  const candidates = folders
    .flat()
    .filter((folder) => `${folder}/${flag}.yml` !== likely)
    .sort((a, b) => rank(a) - rank(b))
    .map((folder) => `${folder}/${flag}.yml`);
  const bodies = await settleAll<unknown[]>(
    candidates.map((path) =>
      orAbsent(client.resource(RepositoryFiles).show(project.path, path, read)),
    ),
  );
  const found = bodies.findIndex((body) => body !== undefined);
  if (found !== -1) {
    return readDefinition(candidates[found]!, file.parse(bodies[found]), flag, branch);
  }
  const searched = [likely, ...candidates];
  return { found: false, searched };
}

/** Promise.all that waits for every promise to settle before it rejects with the first error. */
async function settleAll<T extends readonly unknown[]>(
  promises: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(promises as readonly Promise<unknown>[]);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function rank(folder: string): number {
  const type = folder.split("/").at(-1) ?? "";
  const i = LIKELY.indexOf(type);
  return (i === -1 ? LIKELY.length : i) * 2 + (folder.startsWith("ee/") ? 1 : 0);
}

function readDefinition(
  path: string,
  body: z.infer<typeof file>,
  flag: string,
  ref: string,
): DefinitionLookup {
  const text = decodeContent(body);
  let data: unknown;
  try {
    // GitLab reads definitions with Ruby's YAML (1.1): `default_enabled: no` is false there.
    data = parse(text, { version: "1.1" });
  } catch (error) {
    return {
      found: false,
      path,
      problems: [`invalid YAML: ${(error as Error).message.split("\n")[0]}`],
    };
  }
  const parsed = definition.safeParse(data);
  if (!parsed.success)
    return { found: false, path, problems: parsed.error.issues.map((i) => i.message) };
  const d = parsed.data;
  if (d.name !== flag) return { found: false, path, problems: [`name is ${d.name}, not ${flag}`] };
  return {
    found: true,
    definition: {
      path,
      name: d.name,
      type: d.type,
      defaultEnabled: d.default_enabled,
      introducedByUrl: d.introduced_by_url,
      featureIssueUrl: d.feature_issue_url || null,
      rolloutIssueUrl: d.rollout_issue_url || null,
      milestone: d.milestone,
      group: d.group,
      content: text,
      lastCommitId: body.last_commit_id,
      ref,
    },
  };
}

/** The file's bytes as text: GitLab sends base64 unless asked otherwise. */
export function decodeContent(body: { content: string; encoding: string }): string {
  return body.encoding === "base64"
    ? Buffer.from(body.content, "base64").toString("utf8")
    : body.content;
}
