// `ff-rollout status`: the flag on every instance and the rollout issue's progress. Read-only.
// One instance failing does not hide the others: its error is reported and the exit code is 3.

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { classifyItems } from "../checklist/index.js";
import type { Config } from "../config.js";
import { describeDrift } from "../engine/drift.js";
import { matchContext } from "../engine/match-context.js";
import { GitLabError } from "../errors.js";
import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import type { Redactor } from "../report/redact.js";
import type { Wired } from "../wiring.js";
import { type RolloutPosition, readPosition } from "./status-rollout.js";

export interface StatusReport {
  flag: string;
  generatedAt: string;
  instances: {
    environment: string;
    tier: string;
    url: string;
    state?: FlagState;
    summary: string;
    error?: string;
  }[];
  issue?: {
    url: string;
    title: string;
    state: string;
    milestone: string | null;
    checklist: {
      total: number;
      checked: number;
      /** Open items only a person can do. */
      waitingForPerson: string[];
      /** Open items a phase of this tool ticks, with that phase. */
      waitingForPhase: { text: string; phase: string }[];
    };
  };
  issueError?: string;
  rollout?: RolloutPosition;
  rolloutError?: string;
}

export async function status(ports: Wired): Promise<{ report: StatusReport; failed: boolean }> {
  const { config, logger } = ports;
  // Everything is read at once: the position's reads (notes, definition, the token's user) do
  // not wait for the flags, only its verdicts do.
  const reading = readInstances(ports);
  const live = reading.then(
    (instances) =>
      new Map(instances.flatMap((i) => (i.state ? [[i.environment, i.state] as const] : []))),
  );
  const [instances, issue, position] = await Promise.all([
    reading,
    readIssue(ports, config),
    readPosition(ports, live).then(
      (rollout): Pick<StatusReport, "rollout" | "rolloutError"> => ({ rollout }),
      (error) => {
        if (!(error instanceof GitLabError)) throw error;
        return { rolloutError: error.message };
      },
    ),
  ]);
  const report: StatusReport = {
    flag: config.flag,
    generatedAt: ports.now().toISOString(),
    instances,
    ...issue,
    ...position,
  };
  await logger.section(`Flag \`${config.flag}\``, async () => {
    for (const i of instances) {
      logger.info(
        `  ${i.environment.padEnd(14)} ${i.tier.padEnd(15)} ${i.error ? `ERROR: ${i.error}` : i.summary}`,
      );
    }
  });
  await logger.section("Rollout issue", async () => {
    if (report.issueError) return logger.info(`  ERROR: ${report.issueError}`);
    const i = report.issue!;
    logger.info(`  ${i.title} (${i.state}) ${i.url}`);
    logger.info(`  milestone: ${i.milestone ?? "none"}`);
    logger.info(`  checklist: ${i.checklist.checked} of ${i.checklist.total} items ticked`);
    for (const w of i.checklist.waitingForPhase)
      logger.info(`  [ ] ${w.text}  (phase: ${w.phase})`);
    for (const w of i.checklist.waitingForPerson) logger.info(`  [ ] ${w}  (waiting for a person)`);
  });
  await logger.section("Rollout", async () => printPosition(report, logger));
  const failed =
    instances.some((i) => i.error) ||
    report.issueError !== undefined ||
    report.rolloutError !== undefined;
  return { report, failed };
}

/** " by dana", or " by schedule (owner dana)" for a step the scheduled advance took. */
function runBy(run: { by?: string; trigger?: string }): string {
  if (run.trigger === "schedule") return ` by schedule${run.by ? ` (owner ${run.by})` : ""}`;
  return run.by ? ` by ${run.by}` : "";
}

function printPosition(report: StatusReport, logger: Wired["logger"]): void {
  if (report.rolloutError) {
    logger.info(`  ERROR: ${report.rolloutError}`);
    return;
  }
  const r = report.rollout!;
  for (const run of r.runs)
    logger.info(
      `  ${run.at.slice(0, 16).replace("T", " ")}  ${run.phase} (${run.outcome})${runBy(run)}`,
    );
  if (r.runs.length === 0) logger.info("  no phase has run yet");
  for (const d of r.drift) logger.info(`  DRIFT: ${describeDrift(d)}`);
  // Once each: anyone who may comment can paste our markers; only the author makes them count.
  for (const n of r.ignored)
    logger.info(
      `  IGNORED: ${n.url} by ${n.author} at ${n.at} claims to be ${n.claimed}; not written by the issues token's user or trusted_authors, so it does not count`,
    );
  // The soak only matters while a production step is still ahead.
  if (/^(rollout|global)/.test(r.next)) logger.info(`  soak: ${r.soak.detail}`);
  if (r.definition && "error" in r.definition) logger.info(`  definition: ${r.definition.error}`);
  else if (r.definition)
    logger.info(
      `  definition: ${r.definition.path}${r.definition.mismatch ? ` (WARNING: ${r.definition.mismatch})` : ""}`,
    );
  logger.info(`  next: ${r.drift.length > 0 ? "resolve the drift first (or roll back)" : r.next}`);
}

async function readInstances(ports: Wired): Promise<StatusReport["instances"]> {
  return Promise.all(
    ports.config.environments.map(async (env) => {
      const base = { environment: env.name, tier: env.tier, url: env.url };
      try {
        const state = await ports.backends.get(env.name)!.read(ports.config.flag);
        return { ...base, state, summary: describeState(state) };
      } catch (error) {
        if (!(error instanceof GitLabError)) throw error;
        return { ...base, summary: "unknown", error: error.message };
      }
    }),
  );
}

async function readIssue(
  ports: Wired,
  config: Config,
): Promise<Pick<StatusReport, "issue" | "issueError">> {
  try {
    const issue = await ports.issues.getIssue(config.rolloutIssue);
    // `[~]` items are inapplicable (GitLab 15.3+): neither done nor open, so not counted.
    const items = classifyItems(issue.description, matchContext(config)).filter(
      (c) => !c.item.inapplicable,
    );
    const open = items.filter((c) => !c.item.checked);
    return {
      issue: {
        url: issue.webUrl,
        title: issue.title,
        state: issue.state,
        milestone: issue.milestone?.title ?? null,
        checklist: {
          total: items.length,
          checked: items.length - open.length,
          // Items the tool does not recognise are never ticked by it either: they wait for a person.
          waitingForPerson: open
            .filter((c) => c.kind === "human" || c.kind === "unknown")
            .map((c) => c.item.text),
          waitingForPhase: open
            // An alternative for another actor type is not waiting for anything.
            .filter((c) => c.kind !== "human" && c.kind !== "unknown" && c.applicable && c.phase)
            .map((c) => ({ text: c.item.text, phase: c.phase! })),
        },
      },
    };
  } catch (error) {
    if (!(error instanceof GitLabError)) throw error;
    return { issueError: error.message };
  }
}

/** Writes a report file; like every output, it passes the redactor. */
export function writeReport(
  report: unknown,
  path: string,
  cwd: string,
  redactor: Redactor,
): string {
  const target = resolve(cwd, path);
  writeFileSync(target, redactor.redact(`${JSON.stringify(report, null, 2)}\n`));
  return target;
}
