// Facts: what a phase did or verified, in terms a checklist item can describe.
// The engine produces them after apply(); the checklist matcher ticks exactly the items
// whose described effect is contained in them. A fact is true of the world after the run,
// whether this run changed it or found it already so (a re-run ticks what it verified).

import type { ActorType } from "../flags/types.js";

/**
 * Instances are named the way ChatOps names them (`--dev`, `--staging`, `--staging-ref`,
 * `--pre`, `--production`, `--ops`); the config maps each environment to one such name.
 */
export type ChatopsInstance = "dev" | "staging" | "staging-ref" | "pre" | "production" | "ops";
export const CHATOPS_INSTANCES: readonly ChatopsInstance[] = [
  "dev",
  "staging",
  "staging-ref",
  "pre",
  "production",
  "ops",
];

export type Fact =
  /** The flag is fully on (`true`) or fully off (`false`) on an instance. */
  | { kind: "flag-boolean"; flag: string; instance: ChatopsInstance; value: boolean }
  /** The flag is enabled for these actors on an instance (one request, as ChatOps sends it). */
  | {
      kind: "flag-actors";
      flag: string;
      instance: ChatopsInstance;
      actorType: ActorType;
      actors: string[];
    }
  /** The flag is at this percentage of actors or of time on an instance. */
  | {
      kind: "flag-percentage";
      flag: string;
      instance: ChatopsInstance;
      of: "actors" | "time";
      percentage: number;
    }
  /** The flag was deleted on an instance (`feature delete`). */
  | { kind: "flag-deleted"; flag: string; instance: ChatopsInstance }
  /** A check without a flag write, named by intent. */
  | { kind: "verified"; intent: Intent };

/**
 * Intents of checklist items that carry no ChatOps command. The matcher recognises them by
 * section and wording; our own issue template carries them as explicit markers.
 */
export const INTENTS = [
  "mr-merged", // the MR behind the flag is merged to the default branch
  "deployed-non-production", // its commit is deployed to the non-production environments
  "deployed-production", // ... and to production (canary included)
  "milestone-set", // the rollout issue has a milestone
  "change-issue-linked", // a change-management issue is linked
  "feature-issue-eta", // the expected enable time was commented on the feature issue
  "feature-issue-global", // the feature issue was told the flag is globally enabled
  "soaked-one-day", // fully enabled on production for 24 hours with no rollback
  "default-enabled-mr", // the MR setting default_enabled: true is open
  "release-included", // the change is included in a release
  "next-milestone-set", // the rollout issue moved on to the milestone after the release's
  "cleanup-issue-opened", // the separate cleanup issue exists: titled, labels and milestone copied, related
  "changelog-entry", // the merged MR's commits carry a `Changelog:` trailer (GitLab's changelog)
  "cleanup-mr", // the cleanup MR is open
  "cleanup-deployed", // the cleanup MR is merged and deployed
  "code-references-removed", // once it is merged, no code on the default branch reads the flag
  "feature-issue-closed",
  "rollout-issue-closed",
  "cleanup-issue-closed", // the separate "[Feature flag] Cleanup" issue is closed
  // The change that turned the flag on for everyone was delivered to every notification
  // destination that wants it (at least one): the template's "cross-post the command" item.
  "cross-posted",
  // The prepare run's announcement of the production rollout (its steps and the earliest time
  // it is on for everyone) was delivered to every destination that wants it (at least one): the
  // template's "notify #support_gitlab-com and your team channel".
  "announced",
  // Every production step before global had its whole soak watched green by the tool (advance's
  // window judgement or a green watch): the template's "dashboards ... watched during each step".
  "soaks-watched",
] as const;
export type Intent = (typeof INTENTS)[number];
