// Reads everything a phase's plan() needs, in parallel, before anything is decided: the flag on
// each instance the phase covers, the rollout issue's notes (its history), and whatever else the
// phase declares in needs() (the MR and deployments, the issue, the feature issue, actor ids).

import { GitLabError } from "../errors.js";
import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import { gatherCleanup } from "./gather-cleanup.js";
import { gatherDefaultEnabled } from "./gather-default-enabled.js";
import { gatherFeatureIssue } from "./gather-feature-issue.js";
import { gatherGates } from "./gather-gates.js";
import { gatherRelease } from "./gather-release.js";
import { readHistory } from "./history.js";
import type { Ports } from "./ports.js";
import type { Trust } from "./trust.js";
import type { Phase, PhaseOptions, RolloutState } from "./types.js";

export async function gatherState(
  phase: Phase,
  ports: Ports,
  options: PhaseOptions,
  /** Whose notes count; asked of GitLab alongside the other reads. */
  trust: Promise<Trust>,
): Promise<RolloutState> {
  const { config, logger } = ports;
  const needs = phase.needs(config, options);
  const envs = needs.environments;
  return logger.section("Reading the current state", async () => {
    const readFlags = Promise.all(
      envs.map((e) => {
        const backend = ports.backends.get(e.name);
        if (!backend) throw new Error(`no flag backend for environment "${e.name}"`);
        return backend.read(config.flag);
      }),
    );
    // Every phase reads the rollout issue: its checklist says whether the run has anything to
    // tick (run-phase.ts), so a run with nothing to tick reads it once, alongside the rest.
    const rolloutIssue = ports.issues.getIssue(config.rolloutIssue);
    // A feature issue named in the config needs nothing else read first.
    const featureNotes =
      needs.featureIssue && config.featureIssue
        ? ports.issues.listNotes(config.featureIssue)
        : undefined;
    featureNotes?.catch(() => undefined); // awaited below, after the other reads
    const incidents = needs.productionGates ? ports.incidents?.() : undefined;
    incidents?.catch(() => undefined); // awaited with the health checks
    const [states, notes, release, issue, actorIds, preparation, defaultEnabled, cleanup, who] =
      await Promise.all([
        readFlags,
        ports.issues.listNotes(config.rolloutIssue),
        needs.release ? gatherRelease(ports, needs.release.tier) : undefined,
        rolloutIssue,
        needs.actorIds ? resolveActors(ports) : undefined,
        needs.preparation ? gatherPreparation(ports) : undefined,
        needs.defaultEnabled ? gatherDefaultEnabled(ports, rolloutIssue) : undefined,
        // It finds the feature issue itself: after the cleanup MR the definition has moved.
        needs.cleanup ? gatherCleanup(ports, rolloutIssue) : undefined,
        trust,
      ]);
    const featureIssue = needs.featureIssue
      ? await gatherFeatureIssue(
          ports,
          issue,
          release?.definition ?? defaultEnabled?.definition,
          featureNotes,
        )
      : cleanup?.featureIssue;
    for (const [i, e] of envs.entries())
      logger.info(`  ${e.name} (${e.tier}): ${describeState(states[i]!)}`);
    const history = readHistory(notes, config.flag, who);
    logger.info(`  rollout issue: ${history.entries.length} earlier run(s) of this flag recorded`);
    if (history.ignored.length > 0)
      logger.info(
        `  ${history.ignored.length} note(s) carrying ff-rollout markers ignored: not written by ${[...who.authors].join(", ")} (see status)`,
      );
    const now = ports.now();
    const gates = needs.productionGates
      ? await gatherGates(ports, history, now, incidents)
      : undefined;
    return {
      config,
      flags: new Map(envs.map((e, i) => [e.name, states[i]!] as [string, FlagState])),
      history,
      now,
      ...(release ? { release } : {}),
      ...(issue ? { rolloutIssue: issue } : {}),
      ...(featureIssue ? { featureIssue } : {}),
      ...(actorIds ? { actorIds } : {}),
      ...(preparation ? { preparation } : {}),
      ...(defaultEnabled ? { defaultEnabled } : {}),
      ...(cleanup ? { cleanup: cleanup.cleanup } : {}),
      ...(gates ? { gates } : {}),
    };
  });
}

async function resolveActors(ports: Ports): Promise<RolloutState["actorIds"]> {
  const { config } = ports;
  if (config.actor === "none") return undefined;
  const production = config.environments.filter((e) => e.tier === "production");
  try {
    const ids = await Promise.all(
      production.map((e) => ports.actors(e.name).resolve(config.actor as never, config.actors)),
    );
    // Every production instance must know every actor; ids are compared per instance, so keep
    // the first instance's (the usual case is one production instance).
    return { ids: ids[0] ?? [] };
  } catch (error) {
    // GitLab failing to answer is exit 3, not a refusal: only an actor it does not know is.
    if (error instanceof GitLabError) throw error;
    return { error: (error as Error).message };
  }
}

async function gatherPreparation(ports: Ports): Promise<RolloutState["preparation"]> {
  const { config } = ports;
  const [milestone, linkedIssues] = await Promise.all([
    config.milestone
      ? ports.issues.findMilestone(config.rolloutIssue.project, config.milestone)
      : undefined,
    config.changeIssue ? ports.issues.listLinks(config.rolloutIssue) : [],
  ]);
  return { milestone, linkedIssues };
}
