// Reads everything a phase's plan() needs, in parallel, before anything is decided: the flag on
// each instance the phase covers, and the rollout issue's notes (its history).

import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import { readHistory } from "./history.js";
import type { Ports } from "./run-phase.js";
import type { Phase, PhaseOptions, RolloutState } from "./types.js";

export async function gatherState(
  phase: Phase,
  ports: Ports,
  options: PhaseOptions,
): Promise<RolloutState> {
  const { config, logger } = ports;
  const envs = phase.environments(config, options);
  return logger.section(
    `Reading \`${config.flag}\` on ${envs.length} instance(s) and the rollout issue`,
    async () => {
      const [states, notes] = await Promise.all([
        Promise.all(
          envs.map((e) => {
            const backend = ports.backends.get(e.name);
            if (!backend) throw new Error(`no flag backend for environment "${e.name}"`);
            return backend.read(config.flag);
          }),
        ),
        ports.issues.listNotes(config.rolloutIssue),
      ]);
      for (const [i, e] of envs.entries())
        logger.info(`  ${e.name} (${e.tier}): ${describeState(states[i]!)}`);
      const history = readHistory(notes, config.flag);
      logger.info(
        `  rollout issue: ${history.entries.length} earlier run(s) of this flag recorded`,
      );
      return {
        config,
        flags: new Map(envs.map((e, i) => [e.name, states[i]!] as [string, FlagState])),
        history,
        now: ports.now(),
      };
    },
  );
}
