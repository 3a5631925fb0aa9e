// The rollout world's home project (gitlab-org/gitlab on production): its repository with the
// flag's definition, the MR that added the flag, deployments, milestones and the feature issue.
// seeds.ts describes the whole world and puts these parts together (rolloutWorldSeed).

import { createHash } from "node:crypto";
import type { SandboxSeed } from "../../src/sandbox/index.js";
import { ADMIN, DEVELOPER, FLAG, ISSUE_IID, PROJECT, SEED_CLOCK } from "./seed-names.js";

export const FEATURE_ISSUE_IID = 4100;
export const MR_IID = 1001;
export const DEFAULT_BRANCH = "master";
export const FEATURE_BRANCH = "add-sandbox-rollout-flag";
export const STABLE_BRANCH = "19-6-stable-ee";
export const RELEASE_TAG = "v19.6.0-ee";
export const ANOTHER_FLAG = "sandbox_ee_only_flag";
export const DEFINITION_PATH = `config/feature_flags/gitlab_com_derisk/${FLAG}.yml`;
export const EE_DEFINITION_PATH = `ee/config/feature_flags/beta/${ANOTHER_FLAG}.yml`;
export const DEPLOY_ENVIRONMENTS = ["gstg-cny", "gstg", "gprd-cny", "gprd"] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

type InstanceSeedInput = SandboxSeed["instances"][string];
type Entry<K extends keyof InstanceSeedInput> =
  NonNullable<InstanceSeedInput[K]> extends readonly (infer T)[] ? T : never;

const fakeSha = (name: string) =>
  createHash("sha1").update(`ff-rollout sandbox commit ${name}`).digest("hex");

/** Every commit of the home repository, by role. */
export const SHAS = {
  root: fakeSha("root"),
  release: fakeSha("release"),
  stable: fakeSha("stable"),
  feature: fakeSha("feature"),
  typo: fakeSha("typo"),
  merge: fakeSha("merge"),
  later: fakeSha("later"),
} as const;
export type CommitName = keyof typeof SHAS;

/** The flag's YAML definition, in GitLab's format, with comments (they must survive edits). */
export function definitionYaml(flag = FLAG): string {
  return [
    "# Rollout flag for the ff-rollout sandbox: it guards a made-up change to the pipeline",
    "# graph so that there is something to switch on, one phase at a time.",
    "---",
    `name: ${flag}`,
    "description: Draws pipeline graphs with the new layout",
    `feature_issue_url: {{instance_url:production}}/${PROJECT}/-/issues/${FEATURE_ISSUE_IID}`,
    `introduced_by_url: {{instance_url:production}}/${PROJECT}/-/merge_requests/${MR_IID}`,
    `rollout_issue_url: {{instance_url:production}}/${PROJECT}/-/issues/${ISSUE_IID}`,
    "milestone: '19.7'",
    "group: group::pipeline execution",
    "type: gitlab_com_derisk",
    "# A derisk flag is never enabled by default: removing it is the way out.",
    "default_enabled: false",
    "",
  ].join("\n");
}

function eeDefinitionYaml(): string {
  return [
    "# Another flag, defined under ee/ as GitLab's paid features are.",
    "---",
    `name: ${ANOTHER_FLAG}`,
    `feature_issue_url: {{instance_url:production}}/${PROJECT}/-/issues/4000`,
    `introduced_by_url: {{instance_url:production}}/${PROJECT}/-/merge_requests/990`,
    "rollout_issue_url:",
    "milestone: '19.5'",
    "group: group::pipeline authoring",
    "type: beta",
    "default_enabled: true",
    "",
  ].join("\n");
}

/** gitlab-org/gitlab's commit graph, branches and tags (see the top of this file). */
export function homeRepositorySeed(): Entry<"repositories"> {
  const at = (minutes: number) => new Date(Date.parse(SEED_CLOCK) - minutes * 60_000).toISOString();
  return {
    project: PROJECT,
    commits: [
      {
        sha: SHAS.root,
        message: "Initial commit",
        author: ADMIN.username,
        date: at(600),
        files: { "README.md": "# GitLab\n\nThe sandbox's copy.\n", VERSION: "19.5.0\n" },
      },
      {
        sha: SHAS.release,
        parents: [SHAS.root],
        message: "Prepare 19.6\n\nBump VERSION and add the EE flag.",
        author: ADMIN.username,
        date: at(500),
        files: { VERSION: "19.6.0\n", [EE_DEFINITION_PATH]: eeDefinitionYaml() },
      },
      {
        sha: SHAS.stable,
        parents: [SHAS.release],
        message: "Update CHANGELOG for 19.6.0",
        author: ADMIN.username,
        date: at(450),
        files: { "CHANGELOG.md": "## 19.6.0\n\n- Release.\n" },
      },
      {
        sha: SHAS.feature,
        parents: [SHAS.release],
        message: `Add the ${FLAG} feature flag`,
        author: DEVELOPER.username,
        date: at(400),
        files: {
          [DEFINITION_PATH]: definitionYaml(),
          "app/models/pipeline_graph.rb": `# Draws the pipeline graph.\nFeature.enabled?(:${FLAG})\n`,
        },
      },
      {
        sha: SHAS.typo,
        parents: [SHAS.release],
        message: "Fix a typo in the README",
        author: ADMIN.username,
        date: at(300),
        files: { "README.md": "# GitLab\n\nThe sandbox's own copy.\n" },
      },
      {
        sha: SHAS.merge,
        parents: [SHAS.typo, SHAS.feature],
        message: `Merge branch '${FEATURE_BRANCH}' into '${DEFAULT_BRANCH}'\n\nAdd the ${FLAG} feature flag\n\nSee merge request ${PROJECT}!${MR_IID}`,
        author: ADMIN.username,
        date: at(200),
      },
      {
        sha: SHAS.later,
        parents: [SHAS.merge],
        message: "Document the pipeline graph",
        author: DEVELOPER.username,
        date: at(100),
        files: { "doc/pipeline_graph.md": `# Pipeline graph\n\nBehind \`${FLAG}\`.\n` },
      },
    ],
    branches: {
      [DEFAULT_BRANCH]: SHAS.later,
      [FEATURE_BRANCH]: SHAS.feature,
      [STABLE_BRANCH]: SHAS.stable,
    },
    tags: { [RELEASE_TAG]: { commit: SHAS.stable, message: "Version 19.6.0-ee" } },
  };
}

/** MR !1001 that added the flag, merged, with its merge commit. */
export function homeMergeRequestsSeed(): Entry<"merge_requests">[] {
  return [
    {
      project: PROJECT,
      iid: MR_IID,
      id: 71001,
      title: `Add the ${FLAG} feature flag`,
      description: `Adds \`${FLAG}\` behind a derisk flag.\n\nRollout: #${ISSUE_IID}`,
      state: "merged" as const,
      source_branch: FEATURE_BRANCH,
      target_branch: DEFAULT_BRANCH,
      author: DEVELOPER.username,
      merged_by: ADMIN.username,
      labels: ["feature flag"],
      sha: SHAS.feature,
      merge_commit_sha: SHAS.merge,
      created_at: new Date(Date.parse(SEED_CLOCK) - 400 * 60_000).toISOString(),
      merged_at: new Date(Date.parse(SEED_CLOCK) - 200 * 60_000).toISOString(),
    },
  ];
}

/** Which commit each environment runs (default: canary and staging have the merge). */
export const DEFAULT_DEPLOYED_AT: Record<DeployEnvironment, CommitName> = {
  "gstg-cny": "later",
  gstg: "merge",
  "gprd-cny": "typo",
  gprd: "release",
};

export function homeDeploymentsSeed(
  deployedAt: Partial<Record<DeployEnvironment, CommitName>> = {},
): Entry<"deployments">[] {
  const where = { ...DEFAULT_DEPLOYED_AT, ...deployedAt };
  const at = (minutes: number) => new Date(Date.parse(SEED_CLOCK) - minutes * 60_000).toISOString();
  const deployment = (environment: DeployEnvironment, commit: CommitName, minutes: number) => ({
    project: PROJECT,
    environment,
    sha: SHAS[commit],
    ref: DEFAULT_BRANCH,
    user: ADMIN.username,
    created_at: at(minutes),
    deployable: { name: `deploy:${environment}` },
  });
  return [
    deployment("gprd", "root", 90),
    { ...deployment("gprd", "merge", 80), status: "failed" as const },
    deployment("gstg-cny", where["gstg-cny"], 60),
    deployment("gstg", where.gstg, 50),
    deployment("gprd-cny", where["gprd-cny"], 40),
    deployment("gprd", where.gprd, 30),
  ];
}

/** 19.6 (closed), and the group milestone 19.8; 19.7 comes with instanceSeed. */
export function homeMilestonesSeed(): Entry<"milestones">[] {
  return [
    {
      project: PROJECT,
      id: 500,
      iid: 6,
      title: "19.6",
      state: "closed" as const,
      due_date: "2026-11-12",
    },
    { group: "gitlab-org", id: 503, iid: 8, title: "19.8", due_date: "2027-01-14" },
  ];
}

/** Feature issue #4100, the one the flag's definition points to. */
export function featureIssueSeed(): Entry<"issues"> {
  return {
    project: PROJECT,
    iid: FEATURE_ISSUE_IID,
    id: 94100,
    title: "Faster pipeline graph rendering",
    description: `Draw pipeline graphs with the new layout.\n\nRollout issue: #${ISSUE_IID}`,
    labels: ["feature flag", "type::feature"],
    milestone: "19.7",
    author: DEVELOPER.username,
    assignees: [DEVELOPER.username],
  };
}
