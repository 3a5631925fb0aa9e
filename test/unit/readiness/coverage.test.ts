// Which closed rollout issues readiness --all reads (from the instances' flags and definitions,
// never from notes), which open issue is a cleanup issue, and the verdict on a closed rollout
// issue whose flag still exists.

import { describe, expect, it } from "vitest";
import type { Environment } from "../../../src/config.js";
import { absentFlag, type FlagState } from "../../../src/flags/types.js";
import { type FlagFacts, readinessChecks } from "../../../src/readiness/checks.js";
import { closedRolloutIssues, isCleanupIssue } from "../../../src/readiness/coverage.js";
import type { InstanceProbe } from "../../../src/readiness/instances.js";
import type { Target } from "../../../src/readiness/scope.js";

const HOME = "https://gitlab.example.com";
const env = (name: string, tier: "production" | "non-production") =>
  ({ name, tier, url: `https://${name}.example.com`, tokenEnv: "T" }) as unknown as Environment;
const on = (name: string): FlagState => ({
  ...absentFlag(name),
  exists: true,
  boolean: true,
  state: "on",
});
const partly = (name: string): FlagState => ({
  ...absentFlag(name),
  exists: true,
  state: "conditional",
  percentageOfActors: 25,
});

function probe(
  environment: Environment,
  flags: FlagState[],
  rolloutIssues: Record<string, string>,
): InstanceProbe {
  return {
    environment,
    flags: new Map(flags.map((f) => [f.name, f])),
    definitions: new Set(Object.keys(rolloutIssues)),
    rolloutIssues: new Map(Object.entries(rolloutIssues)),
  };
}

describe("closedRolloutIssues", () => {
  const urls = {
    released_flag: `${HOME}/gitlab-org/gitlab/-/issues/7`,
    twin_flag: `${HOME}/gitlab-org/gitlab/-/work_items/7`,
    open_flag: `${HOME}/gitlab-org/gitlab/-/issues/8`,
    sub_flag: `${HOME}/gitlab-org/ci/runner/-/issues/9`,
    elsewhere_flag: "https://other.example.com/gitlab-org/gitlab/-/issues/10",
    other_group_flag: `${HOME}/other/project/-/issues/11`,
  };
  const probes = [
    probe(
      env("production", "production"),
      [on("released_flag"), partly("twin_flag"), on("open_flag"), on("sub_flag")],
      urls,
    ),
    // Only staging still has these; deleted_flag is set nowhere (its definition lingers).
    probe(
      env("staging", "non-production"),
      [on("elsewhere_flag"), on("other_group_flag"), on("undefined_flag")],
      { ...urls, deleted_flag: `${HOME}/gitlab-org/gitlab/-/issues/12` },
    ),
  ];

  it("names the issue of every existing flag no open issue covered, in a project scope", () => {
    const found = closedRolloutIssues(
      probes,
      new Set(["open_flag"]),
      { project: "GitLab-org/GitLab" },
      HOME,
    );
    expect(found).toEqual(
      new Map([["gitlab-org/gitlab", new Map([[7, ["released_flag", "twin_flag"]]])]]),
    );
  });

  it("takes subgroups' projects in a group scope, and nothing on another instance or group", () => {
    const found = closedRolloutIssues(probes, new Set(), { group: "gitlab-org" }, HOME);
    expect([...found.keys()].sort()).toEqual(["gitlab-org/ci/runner", "gitlab-org/gitlab"]);
    expect(found.get("gitlab-org/gitlab")).toEqual(
      new Map([
        [7, ["released_flag", "twin_flag"]],
        [8, ["open_flag"]],
      ]),
    );
  });

  it("asks for nothing when every existing flag is covered", () => {
    const all = new Set(["released_flag", "twin_flag", "open_flag", "sub_flag"]);
    expect(closedRolloutIssues(probes, all, { project: "gitlab-org/gitlab" }, HOME).size).toBe(0);
  });
});

describe("isCleanupIssue", () => {
  const target = (title: string, flag: string | undefined) =>
    ({ issue: { title }, notes: [], flag }) as unknown as Target;

  it("knows the cleanup issue by the title this tool gives it, for its own flag only", () => {
    expect(isCleanupIssue(target("[Feature flag] Cleanup `a_flag`", "a_flag"))).toBe(true);
    expect(isCleanupIssue(target("[Feature flag] Cleanup `a_flag`", "b_flag"))).toBe(false);
    expect(isCleanupIssue(target("[Feature flag] Rollout of `a_flag`", "a_flag"))).toBe(false);
    expect(isCleanupIssue(target("[Feature flag] Cleanup `a_flag`", undefined))).toBe(false);
  });
});

describe("the rollout issue check of a closed issue", () => {
  const facts = (state: FlagState): FlagFacts => ({
    flag: state.name,
    environments: [env("production", "production")],
    probes: new Map([["production", probe(env("production", "production"), [state], {})]]),
    history: { entries: [], watches: [], statusNote: undefined, ignored: [], notes: [], me: "bot" },
    issue: { state: "closed", milestone: null },
    now: new Date("2026-11-26T10:00:00Z"),
    tokenExpiryWarningDays: 14,
    staleAfterDays: 30,
    cleanupMr: undefined,
  });
  const issueCheck = (state: FlagState) =>
    readinessChecks(facts(state)).find((c) => c.name === "rollout issue");

  it("is ready when the flag is fully on in production (released, waiting for cleanup)", () => {
    expect(issueCheck(on("x_flag"))).toMatchObject({ verdict: "ready" });
    expect(issueCheck(on("x_flag"))?.reason).toContain("until cleanup deletes it");
  });

  it("warns when the flag is only partly on, or gone from production but set elsewhere", () => {
    expect(issueCheck(partly("x_flag"))).toMatchObject({ verdict: "warning" });
    expect(issueCheck(partly("x_flag"))?.reason).toContain("production 25% of actors");
    expect(issueCheck(absentFlag("x_flag"))).toMatchObject({ verdict: "warning" });
  });
});
