// `ff-rollout status`: the flag on every instance and the rollout issue's progress. Read-only.
// One instance failing does not hide the others: its error is reported and the exit code is 3.

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { classifyItems } from "../checklist/index.js";
import type { Config } from "../config.js";
import { matchContext } from "../engine/match-context.js";
import { GitLabError } from "../errors.js";
import { describeState } from "../flags/gates.js";
import type { FlagState } from "../flags/types.js";
import type { Wired } from "../wiring.js";

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
}

export async function status(ports: Wired): Promise<{ report: StatusReport; failed: boolean }> {
  const { config, logger } = ports;
  const [instances, issue] = await Promise.all([readInstances(ports), readIssue(ports, config)]);
  const report: StatusReport = {
    flag: config.flag,
    generatedAt: ports.now().toISOString(),
    instances,
    ...issue,
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
  const failed = instances.some((i) => i.error) || report.issueError !== undefined;
  return { report, failed };
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
            .filter((c) => c.kind !== "human" && c.kind !== "unknown" && c.phase)
            .map((c) => ({ text: c.item.text, phase: c.phase! })),
        },
      },
    };
  } catch (error) {
    if (!(error instanceof GitLabError)) throw error;
    return { issueError: error.message };
  }
}

export function writeReport(report: unknown, path: string, cwd: string): string {
  const target = resolve(cwd, path);
  writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
  return target;
}
