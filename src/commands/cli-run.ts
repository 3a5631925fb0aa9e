// `ff-rollout run <phase>`: parse the phase's options, run it, print the result.

import { runPhase } from "../engine/run-phase.js";
import { EXIT, RefusalError, UsageError } from "../errors.js";
import { announcedEvent, changedEvent, notify, refusedEvent } from "../notify/events.js";
import { findPhase, phaseNames } from "../phases/index.js";
import type { CommandContext } from "./context.js";
import { tickNotified } from "./notified-items.js";
import { checkPhaseOptions } from "./options.js";
import { phaseOutput } from "./phase-output.js";
import { forceRequested, reasonFrom } from "./reason.js";
import { setup } from "./setup.js";

export async function runCommand(positionals: string[], cmd: CommandContext): Promise<number> {
  const { values } = cmd.args;
  const [name, ...extra] = positionals;
  const phase = name ? findPhase(name) : undefined;
  if (!phase) {
    throw new UsageError([
      {
        option: "phase",
        ...(name ? { value: name } : {}),
        problem: name ? "unknown phase" : "missing",
        fix: `choose one of: ${phaseNames().join(", ")}`,
      },
    ]);
  }
  if (extra.length > 0) {
    throw new UsageError([
      {
        option: "arguments",
        value: extra,
        problem: `unexpected after run ${phase.name}`,
        fix: "see ff-rollout run --help",
      },
    ]);
  }
  checkPhaseOptions(phase.name, values);
  const dryRun =
    values["dry-run"] === true || /^(true|1|yes)$/i.test(cmd.io.env.FF_ROLLOUT_DRY_RUN ?? "");
  // Rollback has its own path: it needs nothing but the Features API (engine/run-rollback.ts).
  if (phase.name === "rollback")
    return (await import("./cli-rollback.js")).rollbackCommand(cmd, dryRun);
  const percentage = parsePercentage(values.percentage);
  const force = forceRequested({ force: values.force === true, env: cmd.io.env });
  const ports = setup(cmd);
  // Before any request: a step the pipeline does not offer is a typo, not a GitLab question.
  if (phase.name === "rollout" && percentage !== undefined)
    requireConfigured(percentage, ports.config.percentages);
  const reason = reasonFrom({ flag: values.reason, force, env: cmd.io.env });
  const notifyCtx = { ...ports, redactor: cmd.redactor, env: cmd.io.env };
  let result: Awaited<ReturnType<typeof runPhase>>;
  try {
    result = await runPhase(phase, ports, {
      dryRun,
      ...(percentage === undefined ? {} : { percentage }),
      force,
      reason,
      everywhere: false,
    });
  } catch (error) {
    // A refusal is an outcome worth telling; the exit code stays the refusal's.
    if (error instanceof RefusalError && !dryRun)
      await notify(notifyCtx, refusedEvent(notifyCtx, phase.name, error));
    throw error;
  }
  const changed = changedEvent(notifyCtx, result, reason);
  const notifications = await notify(notifyCtx, changed);
  if (phase.name === "global" && changed?.production)
    result.ticked.push(...(await tickNotified(ports, notifications, "cross-posted")));
  const announced = await notify(notifyCtx, announcedEvent(notifyCtx, result));
  if (announced.length > 0) {
    notifications.push(...announced);
    result.ticked.push(...(await tickNotified(ports, announced, "announced")));
  }
  const output = phaseOutput(result);
  cmd.output =
    notifications.length > 0 ? { ...output, result: { ...result, notifications } } : output;
  return EXIT.ok;
}

function parsePercentage(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  // Decimal only: Number() would also read "0x10" as 16, "1e1" as 10 and " 5 " as 5.
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0 || value >= 100) {
    throw new UsageError([
      {
        option: "--percentage",
        value: raw,
        problem: "not a percentage above 0 and below 100 written in decimal digits",
        fix: "write one such as 25 or 0.5",
      },
    ]);
  }
  return value;
}

function requireConfigured(percentage: number, configured: number[]): void {
  if (configured.includes(percentage)) return;
  throw new UsageError([
    {
      option: "--percentage",
      value: String(percentage),
      problem: `not one of the configured percentages (${configured.join(", ")})`,
      fix: "use one of them or add it to percentages: in the config",
    },
  ]);
}
