// The validated configuration every other module receives. It holds no secret: tokens travel
// separately (Loaded.tokens) straight into the HTTP clients, so printing a Config is safe.

import type { ChatopsInstance } from "../engine/facts.js";
import type { ActorType } from "../flags/types.js";
import type { NotifyDestination } from "../notify/types.js";
import type { AutoAdvance } from "./advance-schema.js";
import type { HealthSettings, IncidentSettings } from "./health-schema.js";
import type { IssueRef } from "./issue-ref.js";

export interface Environment {
  /** The key in `environments:`, used in notes, logs and reports. */
  name: string;
  url: string;
  tokenEnv: string;
  tier: "non-production" | "production";
  /** The ChatOps instance flag that names it in checklist commands, when it has one. */
  chatops: ChatopsInstance | undefined;
}

export interface Config {
  /** Absolute path of the config file it came from. */
  configPath: string;
  flag: string;
  rolloutIssue: IssueRef;
  featureIssue: IssueRef | undefined;
  /** The project holding the flag definition (config/feature_flags/<type>/<flag>.yml); defaults to the rollout issue's project. */
  definitionProject: string;
  milestone: string | undefined;
  changeIssue: IssueRef | undefined;
  changeIssueRequired: boolean;
  actor: ActorType | "none";
  actors: string[];
  percentages: number[];
  soakMinutes: number;
  environments: Environment[];
  /** The home instance: rollout and feature issues, definitions, MRs, deployments. */
  issues: { url: string; tokenEnv: string };
  deployments: { project: string; nonProduction: string[]; production: string[] } | undefined;
  /** The release and cleanup phases and `release-check`. */
  release: ReleaseSettings;
  notes: { internal: boolean };
  /** Usernames besides the issues token's own whose audit notes count as history. */
  trustedAuthors: string[];
  requestTimeoutMs: number;
  readiness: {
    label: string;
    project: string | undefined;
    group: string | undefined;
    tokenExpiryWarningDays: number;
    staleAfterDays: number;
    concurrency: number;
  };
  /** Health checks on a Prometheus-compatible API; undefined when not configured. */
  health: HealthSettings | undefined;
  /** The incident check on the issues instance; undefined when not configured. */
  incidents: IncidentSettings | undefined;
  /** How far the scheduled `advance` may take the flag: off, a percentage to stop at, or global. */
  autoAdvance: AutoAdvance;
  /** The scheduled `advance` finishes a release or cleanup a person started (advance/finish.ts). */
  finishBySchedule: boolean;
  /** Notification destinations (by the variables holding their URLs); empty for none. */
  notify: NotifyDestination[];
  /** Per-flag settings over the shared ones. */
  flags: Record<string, { staleAfterDays: number | undefined; environments: string[] | undefined }>;
}

/** Who and what is running the phase, from GitLab CI's predefined variables when present. */
export interface RunContext {
  ci: boolean;
  job?: { id: string; name?: string; url?: string };
  pipeline?: { id: string; url?: string };
  /** Who pressed play (GITLAB_USER_LOGIN) or, outside CI, the local user. */
  user?: string;
  /** Set by `advance`: the run was the schedule's, not a person's press (notes say "by schedule"). */
  trigger?: "schedule";
}

/** Settings of the release and cleanup phases (config/release-schema.ts). */
export interface ReleaseSettings {
  /** The trailer added to their commits, e.g. "Changelog: added"; undefined for none. */
  changelogTrailer: string | undefined;
  closeFeatureIssue: boolean;
  /** Create the separate "[Feature flag] Cleanup `<flag>`" issue with the cleanup MR. */
  cleanupIssue: boolean;
  /** Ref name patterns of a milestone's release, with {major}, {minor} and {patch}. */
  tagPattern: string;
  stableBranchPattern: string;
}
