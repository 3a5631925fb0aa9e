// `ff-rollout readiness`: proves, for each flag in rollout, that its rollback would work, and flags
// what drifted or went stale. Each instance is asked once for the whole run (its token, every
// persisted flag, the definitions it knows); the rollout issues are read a page at a time with
// their notes (pages.ts: GraphQL, else REST) and each page is checked, with bounded concurrency
// for its writes, before the next is taken: memory holds a page, not every rollout. With --all,
// the closed rollout issues of flags that still exist are read and checked last (coverage.ts).
// Requests are paced by the instances' rate-limit headers (gitlab/pacer.ts).

import { itemsToTick } from "../checklist/index.js";
import type { Config } from "../config.js";
import { readHistory } from "../engine/history.js";
import { matchContext } from "../engine/match-context.js";
import { tickChecklist } from "../engine/tick-checklist.js";
import { readTrust, type Trust } from "../engine/trust.js";
import { GitLabError } from "../errors.js";
import { GitLabFeatures } from "../flags/gitlab-features.js";
import type { Wired } from "../wiring.js";
import { type FlagFacts, readinessChecks, soakedOneDay } from "./checks.js";
import { cleanupMrExists } from "./cleanup-mr.js";
import { closedRolloutIssues, isCleanupIssue, namesAnotherIssue } from "./coverage.js";
import { type InstanceProbe, probeInstance } from "./instances.js";
import { findReadinessNote, readinessNoteUpdate } from "./note.js";
import {
  closedIssuePages,
  type IssueNotes,
  normalised,
  openIssuePages,
  type PageSource,
} from "./pages.js";
import { mapLimit } from "./pool.js";
import { scopeOf, type Target, toTarget } from "./scope.js";
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
  const pages = all
    ? openIssuePages(ports, config, scopeOf(config))
    : { pages: singleIssue(ports, config), path: () => "rest" as const };
  const title = all
    ? `Checking the open rollout issues labelled "${config.readiness.label}", a page at a time`
    : "Checking the rollout issue";
  return logger.section(title, async () => {
    const results: FlagReadiness[] = [];
    let notReady = 0;
    let unresolved = 0;
    /** Flags checked so far: a flag is checked once, through the first issue that covers it. */
    const covered = new Set<string>();
    const check = async (targets: Target[], source: Pick<PageSource, "path">) => {
      for (const t of targets) if (t.flag) covered.add(t.flag);
      unresolved += targets.filter((t) => !t.flag).length;
      const checked = await pool(targets, (target) =>
        checkTarget(ports, config, target, probes, trust),
      );
      notReady += checked.filter((r) => r.verdict === "not-ready").length;
      results.push(...checked);
      logger.info(
        `  progress: ${results.length} checked (read through ${source.path() === "graphql" ? "GraphQL" : "REST"}), ${notReady} not ready so far`,
      );
    };
    const cleanupIssues: Target[] = [];
    const impostors: string[] = [];
    const probeList = [...probes.values()];
    for await (const page of pages.pages) {
      const targets = page.map((item) => toTarget(item.issue, item.notes, config, all, trust));
      cleanupIssues.push(...targets.filter((t) => all && isCleanupIssue(t)));
      const named = all
        ? targets.filter((t) => {
            if (isCleanupIssue(t)) return false;
            const other = namesAnotherIssue(t, probeList, ports.issuesClient.url);
            if (other) impostors.push(`${t.issue.webUrl} (\`${t.flag}\` names ${other})`);
            return !other;
          })
        : targets;
      await check(named, pages);
    }
    if (impostors.length > 0)
      logger.warn(
        `${impostors.length} open issue(s) name a flag whose definition names another rollout issue, not checked through them: ${impostors.slice(0, 10).join(", ")}${impostors.length > 10 ? ", ..." : ""}`,
      );
    if (all) {
      const closed = closedRolloutIssues(
        probeList,
        covered,
        scopeOf(config),
        ports.issuesClient.url,
      );
      let closedCount = 0;
      for (const [project, byIid] of closed) {
        const source = closedIssuePages(ports, config, project, [...byIid.keys()], {
          graphql: pages.path() === "graphql",
        });
        try {
          for await (const page of source.pages) {
            const targets = page.flatMap((item) =>
              (byIid.get(item.issue.ref.iid) ?? []).map((flag) => ({ ...item, flag })),
            );
            closedCount += page.length;
            await check(targets, source);
          }
        } catch (error) {
          // A project the token cannot read (or a failing GitLab) costs these flags their
          // history, not the whole run: each is reported, not dropped in silence.
          if (!(error instanceof GitLabError)) throw error;
          for (const [iid, flags] of byIid)
            for (const flag of flags.filter((f) => !covered.has(f))) {
              covered.add(flag);
              results.push(unreadableRollout(flag, project, iid, ports.issuesClient.url, error));
            }
        }
      }
      const uncovered = [...closed.values()]
        .flatMap((byIid) => [...byIid.values()].flat())
        .filter((flag) => !covered.has(flag));
      if (uncovered.length > 0)
        logger.info(
          `  ${uncovered.length} flag(s) still exist whose definition names a rollout issue that is neither open nor closed with the label "${config.readiness.label}", not checked: ${uncovered.slice(0, 10).join(", ")}${uncovered.length > 10 ? ", ..." : ""}`,
        );
      // A cleanup issue is checked only for a flag nothing else covered (its definition names no
      // rollout issue, or that issue is out of reach): less history, but the flag is not lost.
      const left = cleanupIssues.filter(
        (t, i) => !covered.has(t.flag!) && cleanupIssues.findIndex((o) => o.flag === t.flag) === i,
      );
      if (left.length > 0) await check(left, pages);
      logger.info(
        `  ${closedCount} closed rollout issue(s) of flags that still exist; ${left.length} flag(s) checked through their cleanup issue`,
      );
    }
    logger.info(`  ${results.length} rollout issue(s); ${unresolved} without a resolvable flag`);
    return results;
  });
}

/** A flag that still exists whose closed rollout issue could not be read. */
function unreadableRollout(
  flag: string,
  project: string,
  iid: number,
  home: string,
  error: GitLabError,
): FlagReadiness {
  const webUrl = `${home.replace(/\/+$/, "")}/${project}/-/issues/${iid}`;
  return {
    flag,
    issue: { project, iid, webUrl },
    checks: [
      {
        name: "rollout issue",
        verdict: "warning",
        reason: `the flag still exists, but its rollout issue ${webUrl} (named by its definition) could not be read: ${error.message}`,
      },
    ],
    verdict: "warning",
    wrote: [],
  };
}

/** The configured rollout issue and its notes (no --all): two REST reads. */
async function* singleIssue(ports: Wired, config: Config): AsyncGenerator<IssueNotes[]> {
  const [issue, notes] = await Promise.all([
    ports.issues.getIssue(config.rolloutIssue),
    ports.issues.listNotes(config.rolloutIssue),
  ]);
  yield [normalised({ issue, notes })];
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
