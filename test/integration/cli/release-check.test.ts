// `ff-rollout release-check <mr-url> <milestone>` against the sandbox: MR !1001 is merged with
// the merge commit SHAS.merge, which is on master after the 19.6 release was cut (tag v19.6.0-ee
// and branch 19-6-stable-ee both point at SHAS.stable). Each test cuts the 19.7 release its way.

import { describe, expect, it } from "vitest";
import { ANY_READ, phaseRunner } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { MR_IID, PROJECT, PROJECT_ID, rolloutWorldSeed, SHAS } from "../../helpers/seeds.js";

describe("ff-rollout release-check", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed());
  const repo = () => sb.state("production").repository(PROJECT_ID);
  const mrUrl = () => `${sb.instanceUrl("production")}/${PROJECT}/-/merge_requests/${MR_IID}`;
  const check = (...args: string[]) => phaseRunner(sb).run("release-check", ...args);
  const REFS = "GET /production/api/v4/projects/:id/repository/commits/:sha/refs";

  it("included via a tag: the release was tagged after the merge", async () => {
    sb.expectRequests([{ request: REFS, times: 1 }, ...ANY_READ]);
    repo().tags.set("v19.7.1-ee", { name: "v19.7.1-ee", target: SHAS.later, message: null });
    repo().tags.set("v19.7.0-ee", { name: "v19.7.0-ee", target: SHAS.later, message: null });
    repo().branches.set("19-7-stable-ee", SHAS.later);
    const result = await check(mrUrl(), "19.7");
    expect(result.code).toBe(0);
    // The tag wins over the stable branch, and the first patch release is named.
    expect(result.stdout).toContain(
      `merge_requests/${MR_IID}: in the 19.7 release: tag v19.7.0-ee contains ${SHAS.merge.slice(0, 8)}`,
    );
    // Tags are asked for first; with a tag found, branches are not asked for.
    expect(sb.requests(REFS).map((r) => r.query.type)).toEqual(["tag"]);
  });

  it("included via the stable branch, not tagged yet", async () => {
    sb.expectRequests([{ request: REFS, times: 2 }, ...ANY_READ]);
    repo().branches.set("19-7-stable-ee", SHAS.merge);
    const result = await check(mrUrl(), "19.7", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).result).toMatchObject({
      included: true,
      waiting: false,
      ref: { type: "branch", name: "19-7-stable-ee" },
      milestone: "19.7",
      commit: SHAS.merge,
      searched: ["v19.7.*-ee", "19-7-stable-ee"],
    });
  });

  it("not yet: a wait, exit 1, with what was looked for", async () => {
    sb.expectRequests([{ request: REFS, times: 2 }, ...ANY_READ]);
    const result = await check(mrUrl(), "19.6");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `waiting: not yet in the 19.6 release: neither a v19.6.*-ee tag nor the 19-6-stable-ee branch contains ${SHAS.merge.slice(0, 8)}`,
    );
  });

  it("not merged: exit 1 without asking for refs", async () => {
    sb.expectRequests(ANY_READ);
    const mr = sb.state("production").mergeRequests.find((m) => m.iid === MR_IID)!;
    mr.state = "opened";
    const result = await check(mrUrl(), "19.7");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("is opened, not merged: it cannot be in a release yet");
    expect(sb.requests(REFS)).toEqual([]);
  });

  it("follows configured patterns", async () => {
    sb.expectRequests([{ request: REFS, times: 1 }, ...ANY_READ]);
    repo().tags.set("release-19.7.2", {
      name: "release-19.7.2",
      target: SHAS.later,
      message: null,
    });
    const result = await phaseRunner(sb, {
      release_check: { tag: "release-{major}.{minor}.{patch}", stable_branch: "{major}.{minor}.x" },
    }).run("release-check", mrUrl(), "19.7");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("tag release-19.7.2 contains");
  });

  it("bad input: exit 2", async () => {
    sb.expectRequests(ANY_READ);
    expect((await check(mrUrl(), "next")).stderr).toContain(
      'Usage error: milestone "next": not a version; give the milestone as major.minor, such as 19.6',
    );
    const missing = await check(mrUrl());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("expected a merge request URL and a milestone");
    const bad = await phaseRunner(sb, { release_check: { tag: "v{major}-{build}" } }).run(
      "release-check",
      mrUrl(),
      "19.7",
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("release_check.tag: knows only the placeholders");
  });
});
