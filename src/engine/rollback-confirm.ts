// The rollback's half of "a rollback always wins" against a forward run writing at the same
// moment: the rollback takes no lease and no resource group, so a forward step's write may land
// after the rollback's. The forward run's half is in forward-undo.ts: right after its writes it
// reads the notes and undoes them when a rollback was recorded since its lease.
//
// Why the two halves close the window: this read of the flags comes after the rollback's audit
// note, and the forward run's read of the notes comes after its writes. Either that notes read
// came after our note, so the forward run saw it and undoes its write; or it came before, so the
// forward write landed before this read, which finds the flag on and sets it false again. One
// read is enough: a forward write landing later belongs to a run that will see our note.
// Only the Features API is needed here. Without our note (the issues API down) this read still
// catches every forward write that landed before it, and nothing else can.

import type { Environment } from "../config.js";
import { planRollback } from "../phases/rollback.js";
import { readHistory } from "./history.js";
import type { Ports } from "./ports.js";
import { recordRun } from "./record.js";
import { type RollbackOutcome, rollbackActionsOf, turnOffEverywhere } from "./rollback-flags.js";
import { readTrust } from "./trust.js";

export interface Confirmation {
  /** Instances found on again and set false a second time (their outcome of that write). */
  rewritten: RollbackOutcome[];
  /** The second write could not be recorded on the rollout issue. */
  issueError?: string;
}

/** Reads each instance the rollback turned off; one on again is set false again, and recorded. */
export async function confirmOff(
  ports: Ports,
  offEnvs: Environment[],
  reason: string,
): Promise<Confirmation> {
  const { config, logger } = ports;
  if (offEnvs.length === 0) return { rewritten: [] };
  const again = await turnOffEverywhere(config.flag, offEnvs, ports.backends, logger);
  const rewritten = again.filter((o) => o.status !== "unchanged");
  if (rewritten.length === 0) {
    logger.info("  still off wherever it was turned off");
    return { rewritten };
  }
  const names = rewritten.map((o) => o.environment);
  logger.warn(
    `a concurrent run turned ${config.flag} on again on ${names.join(", ")} after the rollback's write: set false again`,
  );
  const envs = offEnvs.filter((e) => names.includes(e.name));
  // Only what the second write did; the first note already ticked the checklist.
  const plan = {
    ...planRollback(
      config,
      { kind: "environments", names },
      rollbackActionsOf(envs, rewritten),
      reason,
    ),
    facts: [],
  };
  try {
    // A second audit note (or this job's one note, merged): a forward write landed after the
    // first and was undone, so the history's last word on those instances is "off" again.
    const [notes, trust] = await Promise.all([
      ports.issues.listNotes(config.rolloutIssue),
      readTrust(ports.issues, config),
    ]);
    await recordRun(ports, {
      plan,
      outcomes: rewritten,
      issueDone: [],
      history: readHistory(notes, config.flag, trust),
      reason: `${reason} (set false again: a concurrent run's write landed after the rollback's)`,
      forced: false,
      failed: rewritten.some((o) => o.status === "failed"),
    });
    return { rewritten };
  } catch (error) {
    const message = `could not record the second write: ${error instanceof Error ? error.message : String(error)}`;
    logger.info(`  FAILED: ${message}`);
    return { rewritten, issueError: message };
  }
}
