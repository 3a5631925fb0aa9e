// The repository, MR, deployment and issue link seeds: their cross-references are checked,
// and a valid seed builds the state.

import { describe, expect, it } from "vitest";
import { createClock } from "../../../src/sandbox/clock.js";
import { parseSeed, SeedError } from "../../../src/sandbox/seed.js";
import { buildInstanceState } from "../../../src/sandbox/seed-state.js";
import { rolloutWorldSeed, SHAS } from "../../helpers/seeds.js";

function problems(instance: Record<string, unknown>): string[] {
  try {
    parseSeed({
      instances: {
        dev: {
          users: [{ id: 1, username: "u" }],
          projects: [{ id: 1, path_with_namespace: "g/p" }],
          ...instance,
        },
      },
    });
  } catch (error) {
    if (error instanceof SeedError) return error.problems;
    throw error;
  }
  return [];
}

describe("seed cross-references", () => {
  it("accepts the rollout world and builds it", () => {
    const parsed = parseSeed(rolloutWorldSeed({ linked: true }));
    const production = parsed.instances.production;
    expect(production).toBeDefined();
    const state = buildInstanceState(
      "production",
      production as never,
      createClock({ start: parsed.clock as string }),
    );
    expect(state.repository(278964).branches.get("master")).toBe(SHAS.later);
    expect(state.mergeRequests[0]?.mergeCommitSha).toBe(SHAS.merge);
    expect(state.environments.map((e) => e.name)).toEqual(["gprd", "gstg-cny", "gstg", "gprd-cny"]);
    expect(state.issueLinks).toHaveLength(1);
  });

  it("reports unknown parents, refs, projects, users and issues with their paths", () => {
    expect(
      problems({
        repositories: [
          {
            project: "g/p",
            commits: [
              { key: "a", message: "a" },
              { key: "b", parents: ["zz"], message: "b" },
            ],
            branches: { main: "nope" },
          },
        ],
      }),
    ).toEqual([
      'instances.dev.repositories.0.commits.1.parents.0: parent "zz" is not an earlier commit of this repository (got "zz")',
      'instances.dev.repositories.0.branches.main: unknown commit "nope" in g/p\'s repository (got "nope")',
    ]);
    expect(
      problems({
        merge_requests: [{ project: "g/x", iid: 1, title: "t", source_branch: "a", author: "who" }],
        deployments: [{ project: "g/p", environment: "e", sha: "abc", user: "who" }],
        issue_links: [{ project: "g/p", issue_iid: 1, target_issue_iid: 2 }],
      }).map((p) => p.split(":")[0]),
    ).toEqual([
      "instances.dev.merge_requests.0.project",
      "instances.dev.merge_requests.0.author",
      "instances.dev.deployments.0.user",
      "instances.dev.issue_links.0.issue_iid",
      "instances.dev.issue_links.0.target_issue_iid",
    ]);
  });

  it("wants a milestone on exactly one of project and group", () => {
    expect(problems({ milestones: [{ id: 1, iid: 1, title: "m" }] })[0]).toContain(
      "give exactly one of project or group",
    );
    expect(problems({ milestones: [{ group: "zz", id: 1, iid: 1, title: "m" }] })[0]).toContain(
      'unknown group "zz"',
    );
  });

  it("validates the rate limit", () => {
    expect(problems({ rate_limit: { requests_per_period: 0, period_seconds: 60 } })[0]).toContain(
      "instances.dev.rate_limit.requests_per_period",
    );
  });
});
