// The refusal a run meets when another run is, or just was, at work on the flag: another run
// holds the lease, a rollback was recorded since this run started, or a flag changed between the
// plan and the write. It is "not now" (wait, then play again), yet --force does not override it:
// forcing cannot make two writers safe, and a rollback always wins.

import { RefusalError } from "../errors.js";
import { describeRefusal, notNow } from "./refusal.js";

export function concurrentRefusal(phase: string, reason: string): RefusalError {
  const refusal = notNow(reason);
  return new RefusalError(
    `${phase} refused:\n  - ${describeRefusal(refusal)}\nWait, then play the job again: --force does not override another run or a rollback.`,
    [refusal],
  );
}
