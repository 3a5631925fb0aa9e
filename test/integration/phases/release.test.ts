// The release phase through the CLI against the sandbox: the default-enabled MR opened once (one
// commit that changes one word of the definition), reported on a re-run, checked against the
// milestone's release once merged; a gitlab_com_derisk flag refused with GitLab's reason.

import { describe, expect, it } from "vitest";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import {
  BETA_DEFINITION_PATH,
  BETA_SHA,
  betaDefinitionYaml,
  releaseWorldSeed,
} from "../../helpers/release-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FEATURE_ISSUE_IID, FLAG, PROJECT, PROJECT_ID } from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";
const COMMIT = `POST ${API}/repository/commits`;
const OPEN_MR = `POST ${API}/merge_requests`;
const BRANCH = `ff-rollout/${FLAG}-default-enabled`;

describe("release", () => {
  // Production fully on since the day before: release waits a day.
  const sb = useStrictSandbox(() => releaseWorldSeed({ globalMinutesAgo: 25 * 60 }));
  const home = () => sb.state("production");

  it("opens the default-enabled MR once; a second run reports it", async () => {
    sb.expectRequests([
      { request: COMMIT, times: 1 },
      { request: OPEN_MR, times: 1 },
      WRITES.note,
      WRITES.unlease,
      WRITES.issue,
      ...ANY_READ,
    ]);
    const p = phaseRunner(sb, { milestone: "19.7" });
    const first = await p.run("run", "release");
    expect(first.code, first.stderr).toBe(0);

    const mr = home().mergeRequests.find((m) => m.sourceBranch === BRANCH)!;
    const url = `${sb.instanceUrl("production")}/${PROJECT}/-/merge_requests/${mr.iid}`;
    expect(mr).toMatchObject({
      state: "opened",
      targetBranch: "master",
      title: `Enable the \`${FLAG}\` feature flag by default`,
      labels: ["feature flag"],
      forceRemoveSourceBranch: true,
    });
    expect(mr.description).toContain(
      `- Rollout issue: ${sb.instanceUrl("production")}/${PROJECT}/-/issues/42`,
    );
    expect(mr.description).toContain(
      `- Feature issue: ${sb.instanceUrl("production")}/${PROJECT}/-/issues/${FEATURE_ISSUE_IID}`,
    );
    expect(mr.description).toContain(", from 19.7 on.");
    expect(mr.description.split("\n").some((l) => l.startsWith("/"))).toBe(false);

    // One commit on top of master; the definition differs by one word; the trailer ends it.
    const repo = home().repository(PROJECT_ID);
    const commit = repo.commits.get(repo.branches.get(BRANCH)!)!;
    expect(commit.parentIds).toEqual([BETA_SHA]);
    const before = repo.commits.get(BETA_SHA)!.files.get(BETA_DEFINITION_PATH)!;
    expect(before).toContain(betaDefinitionYaml().split("\n")[0]);
    expect(commit.files.get(BETA_DEFINITION_PATH)).toBe(
      before.replace("default_enabled: false", "default_enabled: true"),
    );
    expect([...commit.files.keys()]).toEqual([...repo.commits.get(BETA_SHA)!.files.keys()]);
    expect(commit.message).toMatch(/^Enable sandbox_rollout_flag by default\n\n/);
    expect(commit.message.endsWith("\n\nChangelog: added")).toBe(true);
    const sent = sb.requests(COMMIT)[0]!.body as { actions: Record<string, unknown>[] };
    expect(sent.actions).toEqual([
      expect.objectContaining({
        action: "update",
        file_path: BETA_DEFINITION_PATH,
        last_commit_id: BETA_SHA,
      }),
    ]);

    expect(p.box("sets `default_enabled` to `true`")).toBe("- [x]");
    expect(p.auditNotes().at(-1)?.body).toContain(
      `opened the default-enabled merge request ${url}`,
    );

    const writes = p.writes().length;
    const again = await p.run("run", "release");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`merge request: ${url} is open; review and merge it`);
    expect(again.stdout).toContain("Nothing changed, so no note was added.");
    expect(p.writes()).toHaveLength(writes);
    expect(home().mergeRequests.filter((m) => m.sourceBranch === BRANCH)).toHaveLength(1);
  });

  it("once merged it waits for the release, and ticks the release check once it is in the stable branch", async () => {
    sb.expectRequests([
      COMMIT,
      OPEN_MR,
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
      ...ANY_READ,
    ]);
    const p = phaseRunner(sb, { milestone: "19.7", changelog_trailer: "Changelog: changed" });
    expect((await p.run("run", "release")).code).toBe(0);
    const mr = home().mergeRequests.find((m) => m.sourceBranch === BRANCH)!;
    const repo = home().repository(PROJECT_ID);
    expect(repo.commits.get(repo.branches.get(BRANCH)!)?.message).toMatch(
      /\n\nChangelog: changed$/,
    );
    expect(p.box("included in the release package")).toBe("- [ ]");

    home().mergeMergeRequest(PROJECT, mr.iid, { user: "dana" });
    // Merged, not yet in a release: a wait, shown as one, not a pass; nothing is ticked for it.
    const waiting = await p.run("run", "release");
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout).toContain(
      `… release check: waiting: not yet in the 19.7 release: neither a v19.7.*-ee tag nor the 19-7-stable-ee branch contains ${mr.mergeCommitSha!.slice(0, 8)}`,
    );
    expect(waiting.stdout).not.toMatch(/✓ release check/);
    expect(p.box("included in the release package")).toBe("- [ ]");

    repo.branches.set("19-7-stable-ee", mr.mergeCommitSha!);
    const result = await p.run("run", "release");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `release check: in the 19.7 release: stable branch 19-7-stable-ee contains ${mr.mergeCommitSha!.slice(0, 8)} (not tagged yet)`,
    );
    expect(p.box("included in the release package")).toBe("- [x]");
    expect(p.box("run release check")).toBe("- [x]");
    // The cleanup section is not the release's: its items stay open.
    expect(p.box("Remove the YAML definitions")).toBe("- [ ]");
  });
});

describe("release of a gitlab_com_derisk flag", () => {
  const sb = useStrictSandbox(() => releaseWorldSeed({ type: "gitlab_com_derisk" }));

  it("is refused with GitLab's reason (exit 1), and nothing is written", async () => {
    sb.expectRequests(ANY_READ);
    const p = phaseRunner(sb);
    const result = await p.run("run", "release");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "ERROR: release refused:\n" +
        `  - [never] \`${FLAG}\` is a gitlab_com_derisk flag: GitLab does not allow default_enabled: true for gitlab_com_derisk flags (doc/development/feature_flags/_index.md): they only lower the risk of a deployment on GitLab.com, so once the flag is on there it is removed instead, and default_enabled: true has no effect for this type. Run the cleanup phase; or, to ship it on by default with the flag still in place, change its type to beta first (move the definition to config/feature_flags/beta/)\n` +
        'A "never" refusal cannot be overridden: remove its cause.\n',
    );
    expect(p.writes()).toEqual([]);
  });

  it("stays refused with --force --reason, also while the flag is off in production", async () => {
    sb.expectRequests(ANY_READ);
    sb.state("production").features.delete(FLAG);
    const p = phaseRunner(sb);
    const result = await p.run("run", "release", "--force", "--reason", "ship it anyway");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ {2}- \[never\] `\w+` is a gitlab_com_derisk flag: /);
    expect(result.stderr).toMatch(
      / {2}- \[never\] `\w+` is not fully on in production \(production: off \(never set\)\)/,
    );
    expect(result.stderr).toContain('--force overrides only "not now" refusals');
    expect(p.writes()).toEqual([]);
  });

  it("with --json prints one result: refused, the reason with its kind, nothing changed", async () => {
    sb.expectRequests(ANY_READ);
    const p = phaseRunner(sb);
    const result = await p.run("run", "release", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      schemaVersion: 1,
      command: "run release",
      outcome: "refused",
      exitCode: 1,
      reasons: [{ kind: "never", message: expect.stringContaining("gitlab_com_derisk flag") }],
      changes: { instances: [], issue: [] },
      result: null,
    });
    expect(p.writes()).toEqual([]);
  });
});
