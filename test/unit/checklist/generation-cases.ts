// The generations of GitLab's "Feature Flag Roll Out" issue template, oldest first, each as a
// fixture written in our own words with the structure of the real one, and the rollout it is
// played with. `found` says where that shape was read (repository at commit, or the code
// index's file id when the repository was not named) and roughly when it was current; dates
// are estimated from what the text refers to (gitlab-ce/-ee projects before the single
// codebase, GitLab issue numbers, docs URLs, `/chatops gitlab run`), not from commit dates.
// Fixtures of test/fixtures/checklist/ reused here are named with "../".

import type { RolloutConfig } from "../../helpers/phase-facts.js";

export interface Generation {
  fixture: string;
  found: string;
  config: RolloutConfig;
}

export const GENERATIONS: readonly Generation[] = [
  {
    // One flat list of plain steps; the last one deletes the flag "from GitLab.com".
    fixture: "2019-ce-delete-from-gitlab-com",
    found: "2019, vinayr1225/ban@1b85637b",
    config: {
      flag: "merge_widget_v3",
      actorType: "project",
      actors: ["gitlab-org/gitlab"],
      percentages: [25, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // The same list; the cleanup in prose, "after the flag removal is deployed", in a channel.
    fixture: "2019-prose-cleanup-in-channel",
    found: "2019, ngen-brett/gitlab-ce@edeb7752, index file 602897959",
    config: {
      flag: "editor_autosave",
      actorType: "group",
      actors: ["gitlab-org"],
      percentages: [10, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // Commands inline in parentheses with `feature_name`, a plain sub-item, a rollback code block.
    fixture: "2020-inline-commands-flat",
    found: "2020, PI-UniA/prosi-3d@493daddc, mehulagg/gitlab@00dc21df",
    config: {
      flag: "review_suggestions",
      actorType: "project",
      actors: ["gitlab-org/gitlab"],
      percentages: [10, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // A rollout plan as checkboxes (a person's choices), bold pseudo-headings, trailing comments.
    fixture: "2020-rollout-plan-boxes",
    found:
      "2020, mehulagg/gitlab@47664c89, mehulagg/gitlab_test@3db34b81, index files 32428062057 and 32981235655",
    config: {
      flag: "runner_fleet_view",
      actorType: "project",
      actors: ["gitlab-org/gitlab"],
      percentages: [20, 60],
      nonProduction: ["staging"],
    },
  },
  {
    // Loose lists (blank lines between items), italic pseudo-headings, `some_feature`, examples.
    fixture: "2020-rollout-timeline-loose",
    found: "2020-21, index files 3906886301 and 3752568280",
    config: {
      flag: "package_cleanup_policies",
      actorType: "none",
      actors: [],
      percentages: [10, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // "Priliminary tasks" headings, one command per instance, percentage examples in sub-items.
    fixture: "../legacy-time-based",
    found: "2021, index file 47234677667",
    config: {
      flag: "import_rate_limits",
      actorType: "none",
      actors: [],
      percentages: [10, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // The actor command with a generic placeholder `--<actor-type>=<actor>`.
    fixture: "2021-actor-type-placeholder",
    found: "2021, nickbrandt/GitLab@07c31f19, index file 741298005",
    config: {
      flag: "workspaces_agent_v2",
      actorType: "user",
      actors: ["omar"],
      percentages: [5, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // One command per project or group, under plain "if you use ..." items.
    fixture: "2021-one-command-per-entry",
    found: "2021, diffblue/gitlab@03fc83c5",
    config: {
      flag: "ci_inputs_interpolation",
      actorType: "project",
      actors: ["gitlab-org/gitlab", "gitlab-com/www-gitlab-com"],
      percentages: [25, 75],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // [main-issue] link, --dev --staging --staging-ref, a conditional QA step, release check.
    fixture: "../four-space-nesting",
    found: "2022-23, gitlabhq/gitlabhq@05f0ebba, index file 2758784029",
    config: {
      flag: "ci_job_token_scope_v2",
      actorType: "user",
      actors: ["maria"],
      percentages: [5, 30, 60],
      nonProduction: ["dev", "staging", "staging-ref"],
    },
  },
  {
    // The optional percentage step on non-production (`/chatops run`), actor options as
    // sub-items of one task, the release path in <details>, a delete naming --ops.
    fixture: "2023-non-production-percentage",
    found: "2023-24, ashierj/superdemo@10e33b35",
    config: {
      flag: "knowledge_graph_search",
      actorType: "group",
      actors: ["gitlab-org", "gitlab-com"],
      percentages: [10, 50],
      nonProduction: ["dev", "staging", "staging-ref"],
      declareInstances: true,
      nonProductionPercentage: 50,
    },
  },
  {
    // --pre everywhere, three rollback code blocks, the feature-group option.
    fixture: "../inline-commands",
    found: "2024, gitlabhq/gitlabhq@ba0f3164, BoardDog/bdbuild@c08df1fe",
    config: {
      flag: "wiki_live_preview",
      actorType: "group",
      actors: ["gitlab-org", "gitlab-com"],
      percentages: [1, 10, 25, 50, 75],
      nonProduction: ["dev", "pre", "staging", "staging-ref"],
      declareInstances: true,
      nonProductionPercentage: 50,
    },
  },
  {
    // `/chatops gitlab run`, "Before production rollout", CRLF line ends.
    fixture: "2025-chatops-gitlab-run-crlf",
    found: "2025, moul/gitlabhq@cd8ffb73",
    config: {
      flag: "duo_chat_threads",
      actorType: "feature_group",
      actors: ["gitlab_team_members"],
      percentages: [25, 50],
      nonProduction: ["dev", "pre", "staging", "staging-ref"],
      declareInstances: true,
      nonProductionPercentage: 25,
    },
  },
];
