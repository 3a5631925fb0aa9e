// The rollout world at its end, for the release and cleanup phases: the flag fully on everywhere,
// the MR behind it deployed everywhere, and (by default) its definition changed to a `beta` flag
// by one more commit on master, which also adds a frontend reference to the flag by its
// camelCase name (gon.features.sandboxRolloutFlag), as GitLab's push_frontend_feature_flag names
// it. With `type: "gitlab_com_derisk"` the definition stays where rolloutWorldSeed has it.

import { createHash } from "node:crypto";
import { absentFlag } from "../../src/flags/types.js";
import type { AuditEvent } from "../../src/report/marker.js";
import { compactState, renderNote } from "../../src/report/note.js";
import type { SandboxSeed } from "../../src/sandbox/index.js";
import type { InstanceState } from "../../src/sandbox/state.js";
import {
  ADMIN,
  DEFINITION_PATH,
  DEVELOPER,
  definitionYaml,
  FLAG,
  ISSUE_IID,
  PROJECT,
  type RolloutWorldOptions,
  rolloutWorldSeed,
  SEED_CLOCK,
  SHAS,
} from "./seeds.js";

export const BETA_DEFINITION_PATH = `config/feature_flags/beta/${FLAG}.yml`;
export const FRONTEND_PATH = "app/assets/javascripts/pipeline_graph.js";
/** The commit that makes the flag a beta flag (the head of master). */
export const BETA_SHA = createHash("sha1").update("ff-rollout sandbox commit beta").digest("hex");

export function betaDefinitionYaml(): string {
  return definitionYaml()
    .replace("type: gitlab_com_derisk", "type: beta")
    .replace(
      "# A derisk flag is never enabled by default: removing it is the way out.",
      "# Beta now: it may ship enabled by default before it goes.",
    );
}

export interface ReleaseWorldOptions extends RolloutWorldOptions {
  type?: "beta" | "gitlab_com_derisk";
  /**
   * Record the global run (an audit note by the issues token's user) this many minutes before
   * the seed clock: release opens its MR only after a day fully on.
   */
  globalMinutesAgo?: number;
}

/** The audit note of a global run that turned production fully on `minutesAgo` minutes ago. */
export function globalRunNote(minutesAgo: number) {
  const at = new Date(Date.parse(SEED_CLOCK) - minutesAgo * 60_000).toISOString();
  const off = compactState(absentFlag(FLAG));
  const event: AuditEvent = {
    v: 1,
    kind: "phase",
    phase: "global",
    flag: FLAG,
    at,
    outcome: "done",
    instances: [
      {
        environment: "production",
        status: "changed",
        before: { ...off, exists: true },
        after: { ...off, exists: true, boolean: true },
        applied: ["boolean true"],
      },
    ],
  };
  return {
    project: PROJECT,
    issue_iid: ISSUE_IID,
    body: renderNote(event, "global"),
    author: DEVELOPER.username,
    created_at: at,
  };
}

export function releaseWorldSeed(options: ReleaseWorldOptions = {}): SandboxSeed {
  const seed = rolloutWorldSeed({
    flag: { boolean: true },
    deployedAt: { "gprd-cny": "merge", gprd: "merge" },
    description: endgameChecklist(),
    ...options,
  });
  const home = seed.instances.production!;
  if (options.globalMinutesAgo !== undefined) {
    home.notes = [...(home.notes ?? []), globalRunNote(options.globalMinutesAgo)];
  }
  if (options.type === "gitlab_com_derisk") return seed;
  const repo = home.repositories![0]!;
  repo.commits = [
    ...(repo.commits ?? []),
    {
      sha: BETA_SHA,
      parents: [SHAS.later],
      message: `Make ${FLAG} a beta flag`,
      author: ADMIN.username,
      date: new Date(Date.parse(SEED_CLOCK) - 50 * 60_000).toISOString(),
      files: {
        [DEFINITION_PATH]: null,
        [BETA_DEFINITION_PATH]: betaDefinitionYaml(),
        [FRONTEND_PATH]:
          "// The new graph, when the flag is on.\nif (gon.features.sandboxRolloutFlag) {\n  drawNeeds();\n}\n",
      },
    },
  ];
  repo.branches = { ...repo.branches, master: BETA_SHA };
  return seed;
}

/** A rollout issue with the template's release and cleanup sections, in our own words. */
export function endgameChecklist(flag = FLAG): string {
  return [
    `## Rolling out \`${flag}\``,
    "",
    "### Global rollout on production",
    "",
    `- [x] \`/chatops run feature set ${flag} true\``,
    "",
    "### (Optional) Release the feature with the feature flag",
    "",
    "- [ ] Create a merge request that sets `default_enabled` to `true` in the flag's definition.",
    "- [ ] Make sure the merge request is included in the release package.",
    "  - [ ] `/chatops run release check <merge-request-url> <milestone>`",
    "",
    "### Release the feature",
    "",
    `- [ ] Create a merge request to remove the \`${flag}\` feature flag.`,
    "  - [ ] Remove all references to the flag from the codebase.",
    "  - [ ] Remove the YAML definitions of the flag.",
    "- [ ] Make sure the cleanup MR is deployed to production.",
    "- [ ] Close the feature issue.",
    "- [ ] Delete the flag on every environment:",
    `  - [ ] \`/chatops run feature delete ${flag} --dev --staging --production\``,
    "- [ ] Close this rollout issue.",
    "",
  ].join("\n");
}

/** The files that read the flag, as a person leaves them once the code no longer does. */
export const CODE_WITHOUT_FLAG: Readonly<Record<string, string>> = {
  [FRONTEND_PATH]: "// The new graph.\ndrawNeeds();\n",
  "app/models/pipeline_graph.rb": "# Draws the pipeline graph.\n",
};

/**
 * What a person does on the cleanup MR before merging it: push a commit that stops the code
 * reading the flag (the frontend and the model; the document keeps its mention, as GitLab's
 * version history notes do).
 */
export function pushCodeWithoutFlag(state: InstanceState, projectId: number, branch: string): void {
  const repo = state.repository(projectId);
  const pushed = repo.addCommit({
    parentIds: [repo.branches.get(branch)!],
    message: "Stop reading the flag",
    author: { name: "Dana", email: "dana@example.com" },
    authoredDate: state.stamp(),
    changes: new Map(Object.entries(CODE_WITHOUT_FLAG)),
  });
  repo.branches.set(branch, pushed.id);
}
