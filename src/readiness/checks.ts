// The readiness verdicts of one flag, from what was read: the instances' probes, the flag's
// history in its rollout issue, the issue itself (open, or closed while the flag still exists).
// Pure, so every verdict is unit-testable.

import type { Environment } from "../config.js";
import { describeDrift, findDrift } from "../engine/drift.js";
import { becameFullyOn } from "../engine/fully-on-since.js";
import type { IssueHistory } from "../engine/history.js";
import { DATE_HEADER_SLACK_MS } from "../engine/soak.js";
import { describeState } from "../flags/gates.js";
import { absentFlag, type FlagState, isFullyOn } from "../flags/types.js";
import type { InstanceProbe } from "./instances.js";
import { type CheckResult, type Verdict, worst } from "./types.js";

export interface FlagFacts {
  flag: string;
  environments: Environment[];
  probes: Map<string, InstanceProbe>;
  history: IssueHistory;
  issue: { state: string; milestone: { title: string; dueDate: string | null } | null } | undefined;
  now: Date;
  tokenExpiryWarningDays: number;
  staleAfterDays: number;
  /** Whether a cleanup MR exists; undefined when it was not looked up (not a stale candidate). */
  cleanupMr: boolean | undefined;
}

const DAY = 86_400_000;

export function readinessChecks(f: FlagFacts): CheckResult[] {
  return [
    instances(f),
    tokens(f),
    known(f),
    rollbackPlan(f),
    drift(f),
    stale(f),
    oneDay(f),
    issue(f),
  ];
}

/** A problem on production blocks the rollback; elsewhere it only blocks `rollback --everywhere`. */
function severity(env: Environment): Verdict {
  return env.tier === "production" ? "not-ready" : "warning";
}

function summarise(
  name: CheckResult["name"],
  problems: { verdict: Verdict; text: string }[],
  ok: string,
): CheckResult {
  if (problems.length === 0) return { name, verdict: "ready", reason: ok };
  return {
    name,
    verdict: worst(problems.map((p) => p.verdict)),
    reason: problems.map((p) => p.text).join("; "),
  };
}

function instances(f: FlagFacts): CheckResult {
  const problems = f.environments.flatMap((env) => {
    const down = f.probes.get(env.name)?.unreachable;
    return down ? [{ verdict: severity(env), text: `${env.name}: ${down}` }] : [];
  });
  return summarise("instances answer", problems, `all ${f.environments.length} instances answer`);
}

function tokens(f: FlagFacts): CheckResult {
  const problems: { verdict: Verdict; text: string }[] = [];
  for (const env of f.environments) {
    const probe = f.probes.get(env.name);
    if (!probe) continue;
    const t = probe.token;
    if (probe.unreachable) continue; // reported by "instances answer"
    if (!t) {
      problems.push({
        verdict: severity(env),
        text: `${env.name} (${env.tokenEnv}): ${probe.tokenError ?? "unknown"}`,
      });
      continue;
    }
    if (t.revoked || !t.active)
      problems.push({
        verdict: severity(env),
        text: `${env.name}: token "${t.name}" is revoked or inactive; create a new one and update ${env.tokenEnv}`,
      });
    if (!t.scopes.includes("api"))
      problems.push({
        verdict: severity(env),
        text: `${env.name}: token "${t.name}" lacks the api scope (has ${t.scopes.join(", ")})`,
      });
    if (probe.flagsError?.includes("not an administrator"))
      problems.push({ verdict: severity(env), text: `${env.name}: ${probe.flagsError}` });
    if (t.expiresAt) {
      const days = Math.floor((Date.parse(`${t.expiresAt}T00:00:00Z`) - f.now.getTime()) / DAY);
      if (days < f.tokenExpiryWarningDays) {
        problems.push({
          verdict: "warning",
          text: `${env.name}: token "${t.name}" expires on ${t.expiresAt} (in ${Math.max(0, days)} days); rotate it and update ${env.tokenEnv} before then`,
        });
      }
    }
  }
  return summarise(
    "tokens",
    problems,
    "every token is valid, an administrator's, with api scope, not expiring soon",
  );
}

function known(f: FlagFacts): CheckResult {
  const unknown = f.environments.filter((env) => {
    const probe = f.probes.get(env.name);
    return (
      probe?.flags !== undefined &&
      !probe.flags.has(f.flag) &&
      probe.definitions?.has(f.flag) !== true
    );
  });
  if (unknown.length === 0)
    return {
      name: "flag known",
      verdict: "ready",
      reason: `\`${f.flag}\` is known on every instance`,
    };
  return {
    name: "flag known",
    verdict: worst(unknown.map(severity)),
    reason: `${unknown.map((e) => e.name).join(", ")} neither ${unknown.length === 1 ? "has" : "have"} \`${f.flag}\` set nor ${unknown.length === 1 ? "knows" : "know"} its definition: the code there does not define it (not deployed yet, renamed or removed?), so a rollback would set a flag nothing reads`,
  };
}

function production(f: FlagFacts): { env: Environment; state: FlagState | undefined }[] {
  return f.environments
    .filter((e) => e.tier === "production")
    .map((env) => ({
      env,
      state:
        f.probes.get(env.name)?.flags?.get(f.flag) ??
        (f.probes.get(env.name)?.flags ? absentFlag(f.flag) : undefined),
    }));
}

function rollbackPlan(f: FlagFacts): CheckResult {
  const prod = production(f);
  const unknown = prod.filter((p) => p.state === undefined);
  if (unknown.length > 0) {
    return {
      name: "rollback plan",
      verdict: "not-ready",
      reason: `cannot read the flag on ${unknown.map((p) => p.env.name).join(", ")}, so a rollback there cannot be planned or proven`,
    };
  }
  const parts = prod.map(
    (p) =>
      `${p.env.name} is ${describeState(p.state!)}${isFullyOn(p.state!) || p.state!.exists ? " → set false" : " (nothing to roll back)"}`,
  );
  return { name: "rollback plan", verdict: "ready", reason: parts.join("; ") };
}

function drift(f: FlagFacts): CheckResult {
  const live = new Map<string, FlagState>();
  for (const env of f.environments) {
    const flags = f.probes.get(env.name)?.flags;
    if (flags) live.set(env.name, flags.get(f.flag) ?? absentFlag(f.flag));
  }
  const found = findDrift(f.history, live, f.flag);
  if (f.history.entries.length === 0)
    return { name: "drift", verdict: "ready", reason: "no run recorded yet, nothing to compare" };
  if (found.length === 0)
    return { name: "drift", verdict: "ready", reason: "every instance is as the last run left it" };
  return { name: "drift", verdict: "warning", reason: found.map(describeDrift).join("; ") };
}

/** When production became fully on, per the history, if it still is. */
export function fullyOnSince(f: FlagFacts): Date | undefined | "unknown" {
  const prod = production(f);
  if (prod.length === 0 || !prod.every((p) => p.state && isFullyOn(p.state))) return undefined;
  return becameFullyOn(f.history, new Set(prod.map((p) => p.env.name)));
}

function stale(f: FlagFacts): CheckResult {
  const since = fullyOnSince(f);
  if (since === undefined)
    return { name: "stale", verdict: "ready", reason: "not fully enabled on production" };
  if (since === "unknown")
    return {
      name: "stale",
      verdict: "ready",
      reason: "fully enabled on production; since when is not recorded",
    };
  const days = Math.floor((f.now.getTime() - since.getTime()) / DAY);
  if (days <= f.staleAfterDays || f.cleanupMr) {
    return {
      name: "stale",
      verdict: "ready",
      reason: `fully enabled for ${days} days${f.cleanupMr ? "; a cleanup MR exists" : ""}`,
    };
  }
  return {
    name: "stale",
    verdict: "warning",
    reason: `fully enabled on production for ${days} days (more than ${f.staleAfterDays}) without a cleanup MR: run the cleanup phase`,
  };
}

function oneDay(f: FlagFacts): CheckResult {
  const since = fullyOnSince(f);
  if (since === undefined || since === "unknown") {
    return {
      name: "one day on production",
      verdict: "ready",
      reason:
        since === undefined ? "not fully enabled yet" : "fully enabled; since when is not recorded",
    };
  }
  const hours = Math.max(
    0,
    Math.floor((f.now.getTime() + DATE_HEADER_SLACK_MS - since.getTime()) / 3_600_000),
  );
  return {
    name: "one day on production",
    verdict: "ready",
    reason:
      hours >= 24
        ? `fully enabled for ${hours} h with no rollback since: the one-day wait is over`
        : `fully enabled for ${hours} h; 24 h needed`,
  };
}

export function soakedOneDay(f: FlagFacts): boolean {
  const since = fullyOnSince(f);
  return since instanceof Date && f.now.getTime() + DATE_HEADER_SLACK_MS - since.getTime() >= DAY;
}

function issue(f: FlagFacts): CheckResult {
  if (!f.issue)
    return {
      name: "rollout issue",
      verdict: "warning",
      reason: "no rollout issue found for this flag",
    };
  if (f.issue.state !== "opened") {
    // `release` closes the rollout issue of a flag fully on in production, once a cleanup issue
    // tracks its removal: expected. Closed while the flag is anything else is a rollout left
    // half done, or a cleanup that did not delete it everywhere.
    const prod = production(f);
    if (prod.length > 0 && prod.every((p) => p.state && isFullyOn(p.state)))
      return {
        name: "rollout issue",
        verdict: "ready",
        reason:
          "closed; the flag is fully on in production and still exists, so it is checked every day until cleanup deletes it",
      };
    return {
      name: "rollout issue",
      verdict: "warning",
      reason: `closed while the flag still exists and is not fully on in production (${prod.map((p) => `${p.env.name} ${p.state ? describeState(p.state) : "unread"}`).join(", ")}): reopen it and finish the rollout, or roll the flag back and run cleanup to delete it`,
    };
  }
  const due = f.issue.milestone?.dueDate;
  if (due && Date.parse(`${due}T23:59:59Z`) < f.now.getTime()) {
    return {
      name: "rollout issue",
      verdict: "warning",
      reason: `milestone ${f.issue.milestone?.title} was due on ${due}: move the rollout issue to a current milestone`,
    };
  }
  return {
    name: "rollout issue",
    verdict: "ready",
    reason: `open${f.issue.milestone ? `, milestone ${f.issue.milestone.title}` : ""}`,
  };
}
