// `ff-rollout readiness`: proves, for each flag in rollout, that its rollback would work, and flags
// what drifted or went stale. Each instance is asked once for the whole run (its token, every
// persisted flag, the definitions it knows); the rollout issues are read with bounded
// concurrency, paced by the instances' rate-limit headers (gitlab/pacer.ts).

import { itemsToTick } from "../checklist/index.js";
import type { Config } from "../config.js";
import { readHistory } from "../engine/history.js";
import { matchContext } from "../engine/match-context.js";
import { tickChecklist } from "../engine/tick-checklist.js";
import { readTrust, type Trust } from "../engine/trust.js";
import { GitLabFeatures } from "../flags/gitlab-features.js";
import type { Wired } from "../wiring.js";
import { type FlagFacts, readinessChecks, soakedOneDay } from "./checks.js";
import { cleanupMrExists } from "./cleanup-mr.js";
import { type InstanceProbe, probeInstance } from "./instances.js";
import { findReadinessNote, readinessNoteUpdate } from "./note.js";
import { mapLimit } from "./pool.js";
import { findTargets, type Target } from "./scope.js";
import { type FlagReadiness, worst } from "./types.js";

export async function runReadiness(ports: Wired, all: boolean): Promise<FlagReadiness[]> {
  const { config, logger } = ports;
  const limit = config.readiness.concurrency;
  const pool = <T, R>(items: T[], fn: (item: T) => Promise<R>) => mapLimit(items, limit, fn);

  const probes = await logger.section(
    `Asking ${config.environments.length} instance(s) once`,
    async () => {
      const list = await Promise.all(
        config.environments.map((env) => {
          const client = ports.clients.get(env.name)!;
          return probeInstance(env, client, new GitLabFeatures(client));
        }),
      );
      for (const p of list) logger.info(`  ${p.environment.name}: ${describeProbe(p)}`);
      return new Map(list.map((p) => [p.environment.name, p] as [string, InstanceProbe]));
    },
  );

  // Whose notes count (one GET /user for the whole run): markers from anyone else are ignored.
  const trust = await readTrust(ports.issues, config);
  const targets = await logger.section(
    all
      ? `Finding open rollout issues labelled "${config.readiness.label}"`
      : "Reading the rollout issue",
    async () => {
      const found = await findTargets(ports.issues, config, all, pool, trust);
      logger.info(
        `  ${found.length} rollout issue(s); ${found.filter((t) => !t.flag).length} without a resolvable flag`,
      );
      return found;
    },
  );

  return logger.section(`Checking ${targets.length} flag(s)`, async () => {
    let done = 0;
    let notReady = 0;
    let lastProgress = Date.now();
    return pool(targets, async (target) => {
      const result = await checkTarget(ports, config, target, probes, trust);
      done++;
      if (result.verdict === "not-ready") notReady++;
      if (done === targets.length || Date.now() - lastProgress > 5000 || done % 100 === 0) {
        lastProgress = Date.now();
        logger.info(`  progress: ${done}/${targets.length} checked, ${notReady} not ready so far`);
      }
      return result;
    });
  });
}

async function checkTarget(
  ports: Wired,
  config: Config,
  target: Target,
  probes: Map<string, InstanceProbe>,
  trust: Trust,
): Promise<FlagReadiness> {
  const issue = {
    project: target.issue.ref.project,
    iid: target.issue.ref.iid,
    webUrl: target.issue.webUrl,
  };
  if (!target.flag) {
    return {
      flag: `(${target.issue.ref.project}#${target.issue.ref.iid})`,
      issue,
      checks: [
        {
          name: "rollout issue",
          verdict: "warning",
          reason: `cannot tell which flag this issue rolls out: ${target.unresolved}`,
        },
      ],
      verdict: "warning",
      wrote: [],
    };
  }
  const flag = target.flag;
  const only = config.flags[flag]?.environments;
  const facts: FlagFacts = {
    flag,
    environments: only
      ? config.environments.filter((e) => only.includes(e.name))
      : config.environments,
    probes,
    history: readHistory(target.notes, flag, trust),
    issue: { state: target.issue.state, milestone: target.issue.milestone },
    now: ports.now(),
    tokenExpiryWarningDays: config.readiness.tokenExpiryWarningDays,
    staleAfterDays: config.flags[flag]?.staleAfterDays ?? config.readiness.staleAfterDays,
    cleanupMr: undefined,
  };
  facts.cleanupMr = await cleanupMrExists(ports, config, facts);
  const checks = readinessChecks(facts);
  const result: FlagReadiness = {
    flag,
    issue,
    checks,
    verdict: worst(checks.map((c) => c.verdict)),
    wrote: [],
  };
  await write(ports, config, target, facts, result);
  return result;
}

/** The one item readiness may tick, and the readiness note; failures are warnings, not verdicts. */
async function write(
  ports: Wired,
  config: Config,
  target: Target,
  facts: FlagFacts,
  result: FlagReadiness,
): Promise<void> {
  const ref = target.issue.ref;
  const context = { ...matchContext(config), flag: result.flag };
  try {
    const soaked = [{ kind: "verified", intent: "soaked-one-day" } as const];
    if (soakedOneDay(facts) && itemsToTick(target.issue.description, soaked, context).length > 0) {
      const ticked = await tickChecklist(ports.issues, ref, soaked, context, ports.logger);
      if (ticked.ticked.length > 0) result.wrote.push("ticked the one-day item");
    }
    const existing = findReadinessNote(target.notes, result.flag);
    const body = readinessNoteUpdate(result, existing, facts.now);
    if (body !== undefined) {
      if (existing) await ports.issues.updateNote(ref, existing.id, body);
      else await ports.issues.createNote(ref, body, config.notes.internal);
      result.wrote.push(existing ? "updated the readiness note" : "posted the readiness note");
    }
  } catch (error) {
    ports.logger.warn(
      `${result.flag}: could not update ${ref.webUrl}: ${(error as Error).message}`,
    );
  }
}

function describeProbe(p: InstanceProbe): string {
  if (p.unreachable) return `DOES NOT ANSWER: ${p.unreachable}`;
  const token = p.token
    ? `token "${p.token.name}" (${p.token.scopes.join(", ")}; expires ${p.token.expiresAt ?? "never"})`
    : `token: ${p.tokenError}`;
  const flags = p.flags ? `${p.flags.size} flags set` : `flags: ${p.flagsError}`;
  return `${token}; ${flags}; ${p.definitions ? `${p.definitions.size} definitions known` : "definitions unknown"}`;
}
