// The fixture rollout issues and the rollout configuration each one is played with.

import type { RolloutConfig } from "../../helpers/phase-facts.js";

export interface Case {
  fixture: string;
  config: RolloutConfig;
  /** Lines of the rollback steps a rollback everywhere ticks after the global phase. */
  rollbackLines: number[];
}

export const CASES: readonly Case[] = [
  {
    // Oldest style: plain items, no commands.
    fixture: "plain-items",
    rollbackLines: [],
    config: {
      flag: "merge_widget_v2",
      actorType: "project",
      actors: ["gitlab-org/gitlab"],
      percentages: [10, 50],
      nonProduction: ["dev", "staging"],
    },
  },
  {
    // Inline commands, actor alternatives as plain sub-items, <details>, [~], rollback code blocks.
    fixture: "inline-commands",
    rollbackLines: [93, 99],
    config: {
      flag: "wiki_live_preview",
      actorType: "group",
      actors: ["gitlab-org", "gitlab-com"],
      percentages: [1, 10, 25, 50, 75],
      nonProduction: ["dev", "pre", "staging", "staging-ref"],
      declareInstances: true,
    },
  },
  {
    // Command sub-items nested with 4 spaces, actor alternatives, repeated texts, fenced box.
    fixture: "four-space-nesting",
    rollbackLines: [140],
    config: {
      flag: "ci_job_token_scope_v2",
      actorType: "user",
      actors: ["maria"],
      percentages: [5, 30, 60],
      nonProduction: ["dev", "staging", "staging-ref"],
    },
  },
  {
    // CRLF, `/chatops gitlab run`, 2-space nesting, unicode, trailing spaces and a tab.
    fixture: "crlf-gitlab-run",
    rollbackLines: [65],
    config: {
      flag: "package_registry_sbom",
      actorType: "project",
      actors: ["gitlab-org/gitlab"],
      percentages: [2, 20],
      nonProduction: ["dev", "staging"],
      declareInstances: true,
    },
  },
  {
    // Our own template (issue-templates/feature-flag-rollout.md) with markers.
    fixture: "ff-rollout-template",
    rollbackLines: [87],
    config: {
      flag: "search_filters_v2",
      actorType: "project",
      actors: ["group/search"],
      percentages: [1, 10, 25, 50, 75],
      nonProduction: ["dev", "staging"],
      // advance or a green watch proved every soak: global ticks "watched during each step".
      watched: true,
    },
  },
  {
    // Oldest command style, one command per instance, time-based (no actor) flag.
    fixture: "legacy-time-based",
    rollbackLines: [79],
    config: {
      flag: "import_rate_limits",
      actorType: "none",
      actors: [],
      percentages: [10, 50],
      nonProduction: ["dev", "staging"],
    },
  },
];
