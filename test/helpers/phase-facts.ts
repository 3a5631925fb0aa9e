// The facts each phase produces on a successful run, built from a small config, as the README's
// phase table describes them. Checklist tests apply them in the template's order.

import type { MatchContext } from "../../src/checklist/index.js";
import type { ChatopsInstance, Fact, Intent } from "../../src/engine/facts.js";
import type { ActorType } from "../../src/flags/types.js";

export interface RolloutConfig {
  flag: string;
  actorType: ActorType | "none";
  actors: string[];
  percentages: number[];
  /** The non-production ChatOps instances the flag is enabled on. */
  nonProduction: ChatopsInstance[];
  /** Pass the configured instances to the matcher (MatchContext.instances). */
  declareInstances?: boolean;
  /** Play `run non-production --percentage N` first, with this N. */
  nonProductionPercentage?: number;
  /**
   * Notifications tell every production step's change (global's delivery is the cross-post) and
   * announce the prepared rollout (the "notify support" item).
   */
  notify?: boolean;
  /** The tool watched every step's soak green (advance or watch): global proves it. */
  watched?: boolean;
}

export const PHASE_SEQUENCE = [
  "non-production",
  "production-actors",
  "prepare",
  "rollout",
  "global",
  "release",
  "cleanup",
] as const;
export type SequencePhase = (typeof PHASE_SEQUENCE)[number];

/** The optional incremental step on non-production, before the full enable. */
export const NON_PRODUCTION_PERCENTAGE = "non-production-percentage";
export type SequenceRun = SequencePhase | typeof NON_PRODUCTION_PERCENTAGE;

/** The runs a rollout with `config` plays, in order. */
export function runSequence(config: RolloutConfig): SequenceRun[] {
  return config.nonProductionPercentage === undefined
    ? [...PHASE_SEQUENCE]
    : [NON_PRODUCTION_PERCENTAGE, ...PHASE_SEQUENCE];
}

/** The facts of each run of `run` (see phaseRuns). */
export function runFacts(run: SequenceRun, config: RolloutConfig): Fact[][] {
  if (run !== NON_PRODUCTION_PERCENTAGE) return phaseRuns(run, config);
  const percentage = config.nonProductionPercentage ?? 50;
  const of = config.actorType === "none" ? "time" : "actors";
  return [
    [
      verified("mr-merged"),
      verified("deployed-non-production"),
      ...config.nonProduction.map(
        (instance): Fact => ({
          kind: "flag-percentage",
          flag: config.flag,
          instance,
          of,
          percentage,
        }),
      ),
    ],
  ];
}

export function matchContext(config: RolloutConfig): MatchContext {
  const ctx: MatchContext = {
    flag: config.flag,
    actorType: config.actorType,
    actors: config.actors,
    percentages: config.percentages,
  };
  if (config.declareInstances) ctx.instances = [...config.nonProduction, "production"];
  if (config.notify) {
    ctx.notify = true;
    ctx.announce = true;
  }
  return ctx;
}

const verified = (intent: Intent): Fact => ({ kind: "verified", intent });

/**
 * The facts of one phase, as a list of runs: the rollout phase is one run per percentage,
 * every other phase one run.
 */
export function phaseRuns(phase: SequencePhase, config: RolloutConfig): Fact[][] {
  const { flag } = config;
  switch (phase) {
    case "non-production":
      return [
        [
          verified("mr-merged"),
          verified("deployed-non-production"),
          ...config.nonProduction.map(
            (instance): Fact => ({ kind: "flag-boolean", flag, instance, value: true }),
          ),
        ],
      ];
    case "production-actors":
      return [
        [
          verified("deployed-production"),
          ...(config.actorType === "none"
            ? []
            : [
                {
                  kind: "flag-actors",
                  flag,
                  instance: "production",
                  actorType: config.actorType,
                  actors: config.actors,
                } satisfies Fact,
              ]),
        ],
      ];
    case "prepare":
      return [
        [
          verified("milestone-set"),
          verified("change-issue-linked"),
          verified("feature-issue-eta"),
          // The announcement delivered (cli-run.ts ticks it after the phase).
          ...(config.notify ? [verified("announced")] : []),
        ],
      ];
    case "rollout":
      return config.percentages.map((percentage) => [
        {
          kind: "flag-percentage",
          flag,
          instance: "production",
          of: config.actorType === "none" ? "time" : "actors",
          percentage,
        } satisfies Fact,
      ]);
    case "global":
      return [
        [
          { kind: "flag-boolean", flag, instance: "production", value: true },
          verified("feature-issue-global"),
          // The global change's notification delivered (cli-run.ts ticks it after the phase).
          ...(config.notify ? [verified("cross-posted")] : []),
          // Every soak before global watched green by the tool (engine/soak-proof.ts).
          ...(config.watched ? [verified("soaks-watched")] : []),
        ],
      ];
    case "release": {
      // It opens the default-enabled MR once a day fully on has passed; played again once that MR
      // is merged and in the milestone's release, it verifies its changelog trailer and does the
      // template's release steps (cleanup_issue on: the separate cleanup issue, then the rollout
      // issue closed).
      const opened = [verified("default-enabled-mr"), verified("soaked-one-day")];
      return [
        opened,
        [
          ...opened,
          verified("release-included"),
          verified("changelog-entry"),
          verified("feature-issue-closed"),
          verified("next-milestone-set"),
          verified("cleanup-issue-opened"),
          verified("rollout-issue-closed"),
        ],
      ];
    }
    case "cleanup":
      return [
        [
          verified("cleanup-mr"),
          verified("cleanup-deployed"),
          verified("code-references-removed"),
          verified("changelog-entry"),
          ...[...config.nonProduction, "production" as const].map(
            (instance): Fact => ({ kind: "flag-deleted", flag, instance }),
          ),
          verified("feature-issue-closed"),
          verified("rollout-issue-closed"),
          verified("cleanup-issue-closed"),
        ],
      ];
  }
}

/** A rollback run: production (or every instance) set to false. */
export function rollbackRun(config: RolloutConfig, everywhere: boolean): Fact[] {
  const instances: ChatopsInstance[] = everywhere
    ? [...config.nonProduction, "production"]
    : ["production"];
  return instances.map((instance) => ({
    kind: "flag-boolean",
    flag: config.flag,
    instance,
    value: false,
  }));
}
