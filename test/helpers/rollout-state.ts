// Builds a RolloutState for unit tests of phase plans: a real Config (through the loader), flag
// states by environment, history events, GitLab's "now", and the read-ahead facts a phase needs.

import { loadConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config.js";
import type { HistoryEntry } from "../../src/engine/history.js";
import type { FlagDefinition } from "../../src/engine/release-port.js";
import type { RolloutState } from "../../src/engine/types.js";
import type { FlagState } from "../../src/flags/types.js";
import { absentFlag } from "../../src/flags/types.js";
import type { AuditEvent } from "../../src/report/marker.js";
import { compactState } from "../../src/report/note.js";
import { BASE_ENV, baseConfig, writeConfig } from "./config-files.js";

export const FLAG = "my_flag";

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  const { dir, path } = writeConfig({ ...baseConfig(), ...overrides });
  return loadConfig({ path, env: BASE_ENV, cwd: dir }).config;
}

export function flag(partial: Partial<FlagState> = {}): FlagState {
  const state = { ...absentFlag(FLAG), exists: true, ...partial };
  const on = state.boolean || state.percentageOfTime >= 100;
  const partialGate =
    state.percentageOfActors > 0 || state.percentageOfTime > 0 || state.actors.length > 0;
  return { ...state, state: on ? "on" : partialGate ? "conditional" : "off" };
}

export const ON = flag({ boolean: true });
export const OFF = flag({ boolean: false });

/** A recorded run: which environments it changed, from what to what, at what minute. */
export function event(
  phase: string,
  at: string,
  changes: { env: string; before: FlagState; after: FlagState }[],
  outcome: AuditEvent["outcome"] = "done",
): AuditEvent {
  return {
    v: 1,
    kind: "phase",
    phase,
    flag: FLAG,
    at,
    outcome,
    instances: changes.map((c) => ({
      environment: c.env,
      status: "changed",
      before: compactState(c.before),
      after: compactState(c.after),
      applied: ["x"],
    })),
  };
}

export function state(
  config: Config,
  flags: Record<string, FlagState>,
  events: AuditEvent[] = [],
  now = "2026-11-26T12:00:00.000Z",
  extra: Partial<RolloutState> = {},
): RolloutState {
  const entries: HistoryEntry[] = events.map((e, i) => ({
    event: e,
    noteId: i + 1,
    noteCreatedAt: e.at,
    author: "ff-rollout-bot",
  }));
  return {
    config,
    flags: new Map(Object.entries(flags)),
    history: {
      entries,
      watches: [],
      statusNote: undefined,
      notes: [],
      ignored: [],
      me: "ff-rollout-bot",
    },
    now: new Date(now),
    ...extra,
  };
}

/** A flag definition of this type as the definition lookup returns it. */
export function definition(type: string, defaultEnabled = false): FlagDefinition {
  return {
    path: `config/feature_flags/${type}/${FLAG}.yml`,
    name: FLAG,
    type,
    defaultEnabled,
    introducedByUrl: "https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/1",
    featureIssueUrl: null,
    rolloutIssueUrl: null,
    milestone: "19.6",
    group: "group::x",
    content: `name: ${FLAG}\ntype: ${type}\ndefault_enabled: ${defaultEnabled}\n`,
    lastCommitId: "a".repeat(40),
    ref: "master",
  };
}
