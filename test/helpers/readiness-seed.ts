// Seeds for the readiness check: rollout issues labelled "feature flag" on the home instance,
// one per flag, with the flags' live gates, the definitions each instance knows, and audit
// notes recording what the rollout last did (its history).

import { absentFlag } from "../../src/flags/types.js";
import type { AuditEvent } from "../../src/report/marker.js";
import { compactState, renderNote } from "../../src/report/note.js";
import type { SandboxSeed } from "../../src/sandbox/index.js";
import { DEVELOPER, instanceSeed, PROJECT, SEED_CLOCK } from "./seeds.js";

export interface SeedFlag {
  name: string;
  /** Live gates on production (dev and staging are fully on). Omit for a flag never set there. */
  production?: { boolean?: boolean; percentage_of_actors?: number };
  /** Recorded history: what production was set to, and when (minutes before the seed clock). */
  recorded?: {
    production: { boolean?: boolean; percentageOfActors?: number };
    minutesAgo: number;
  }[];
  /** Whether the instances know the flag's definition. */
  defined?: boolean;
  milestone?: string;
  title?: string;
  description?: string;
}

// The recorded form of a flag that was never set.
const off = compactState(absentFlag("off"));

function event(
  flag: string,
  after: { boolean?: boolean; percentageOfActors?: number },
  minutesAgo: number,
): AuditEvent {
  return {
    v: 1,
    kind: "phase",
    phase: after.boolean ? "global" : "rollout",
    flag,
    at: new Date(Date.parse(SEED_CLOCK) - minutesAgo * 60_000).toISOString(),
    outcome: "done",
    instances: [
      {
        environment: "production",
        status: "changed",
        before: off,
        after: { ...off, exists: true, ...after },
        applied: ["x"],
      },
    ],
  };
}

export function readinessSeed(
  flags: SeedFlag[],
  options: {
    rateLimit?: { requests_per_period: number; period_seconds: number };
    running?: boolean;
  } = {},
): SandboxSeed {
  const definitions = flags
    .filter((f) => f.defined !== false)
    .map((f) => ({ name: f.name, type: "gitlab_com_derisk", default_enabled: false }));
  const base = (name: "dev" | "staging" | "production") => ({
    ...instanceSeed(name, {}),
    definitions,
    features: flags.map((f) => ({
      name: f.name,
      gates:
        name === "production"
          ? { boolean: false, percentage_of_actors: 0, ...(f.production ?? {}) }
          : { boolean: true, percentage_of_actors: 0 },
    })),
  });
  const production = base("production");
  const at = (minutesAgo: number) =>
    new Date(Date.parse(SEED_CLOCK) - minutesAgo * 60_000).toISOString();
  return {
    clock: options.running ? { now: SEED_CLOCK, running: true } : SEED_CLOCK,
    instances: {
      dev: base("dev"),
      staging: base("staging"),
      production: {
        ...production,
        features: production.features.filter(
          (f) => flags.find((x) => x.name === f.name)?.production !== undefined,
        ),
        issues: flags.map((f, i) => ({
          project: PROJECT,
          iid: 100 + i,
          title: f.title ?? `[Feature flag] Rollout of \`${f.name}\``,
          description:
            f.description ??
            `## Global rollout on production\n\n- [ ] Wait at least one day for the verification term.\n- [ ] \`/chatops run feature set ${f.name} true\`\n`,
          labels: ["feature flag"],
          author: DEVELOPER.username,
          ...(f.milestone ? { milestone: f.milestone } : {}),
        })),
        notes: flags.flatMap((f, i) =>
          (f.recorded ?? []).map((r) => ({
            project: PROJECT,
            issue_iid: 100 + i,
            body: renderNote(event(f.name, r.production, r.minutesAgo), "recorded"),
            author: DEVELOPER.username,
            created_at: at(r.minutesAgo),
          })),
        ),
        ...(options.rateLimit ? { rate_limit: options.rateLimit } : {}),
      },
    },
  };
}
