// The forward run's half of "a rollback always wins" (the rollback's half, and why the two close
// the window between them, is in rollback-confirm.ts). A rollback takes no lease and no resource
// group, so it can write between this run's last read under its lease and its own write, which
// would then turn the flag back on. Right after its writes, this run reads the notes again: a
// rollback recorded since it took its lease, on an instance it wrote, means its write may have
// landed after the rollback's. It sets those instances false again, records nothing (the
// rollback's note is the history's last word on them) and refuses as "not now".
// Undoing is sound where the alternatives are not: the rollback's note says what a person asked
// for, and only a read after the write can tell whether the write came before or after it.

import { describeState } from "../flags/gates.js";
import { concurrentRefusal } from "./concurrent-refusal.js";
import type { Decision } from "./decide.js";
import { readHistory } from "./history.js";
import type { Ports } from "./ports.js";
import { turnOffEverywhere } from "./rollback-flags.js";
import type { Trust } from "./trust.js";
import type { InstanceOutcome } from "./types.js";

export async function undoIfRolledBack(
  ports: Ports,
  phase: string,
  d: Decision,
  outcomes: InstanceOutcome[],
  trust: Trust,
): Promise<void> {
  const { config, logger } = ports;
  // A failed write may have landed all the same (its answer lost): it counts as a write.
  const wrote = outcomes.filter((o) => o.applied.length > 0 || o.status === "failed");
  if (wrote.length === 0) return;
  let notes: Awaited<ReturnType<typeof ports.issues.listNotes>>;
  try {
    notes = await ports.issues.listNotes(config.rolloutIssue, d.state.history.notes.length + 1);
  } catch (error) {
    // Nothing to decide on: the rollback, if there is one, reads the flag again after its own
    // note and turns it off again (rollback-confirm.ts).
    logger.warn(
      `could not read the notes after the writes to check for a rollback meanwhile: ${(error as Error).message}`,
    );
    return;
  }
  // The notes read under the lease are before; any other is since.
  const seen = new Set(d.state.history.notes.map((n) => n.id));
  const names = new Set(wrote.map((o) => o.environment));
  const rollback = readHistory(notes, config.flag, trust).entries.find(
    (e) =>
      e.event.phase === "rollback" &&
      !seen.has(e.noteId) &&
      e.event.instances.some((i) => names.has(i.environment)),
  );
  if (!rollback) return;
  const hit = new Set(
    rollback.event.instances.map((i) => i.environment).filter((n) => names.has(n)),
  );
  const envs = config.environments.filter((e) => hit.has(e.name));
  logger.warn(
    `a rollback was recorded at ${rollback.noteCreatedAt} while this run wrote: setting ${[...hit].join(", ")} false again`,
  );
  const undone = await turnOffEverywhere(config.flag, envs, ports.backends, logger);
  const failed = undone.filter((o) => o.status === "failed");
  const state = undone.map((o) => `${o.environment} ${describeState(o.after)}`).join(", ");
  throw concurrentRefusal(
    phase,
    failed.length === 0
      ? `a rollback was recorded at ${rollback.noteCreatedAt} (${config.rolloutIssue.webUrl}#note_${rollback.noteId}) while this run was writing; a rollback always wins, so this run set the flag false again where it had written (now ${state}) and recorded nothing. Run status and decide again.`
      : `a rollback was recorded at ${rollback.noteCreatedAt} (${config.rolloutIssue.webUrl}#note_${rollback.noteId}) while this run was writing, and setting the flag false again FAILED on ${failed.map((o) => `${o.environment} (${o.error})`).join(", ")}: the flag may be ON there after the rollback. Run the rollback again now.`,
  );
}
