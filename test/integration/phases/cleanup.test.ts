// The cleanup phase through the CLI against the sandbox: the cleanup MR with the references it
// found listed; deleting the flag refused until that MR is merged and deployed to production;
// then the flag deleted on every instance and the issues closed; a re-run changes nothing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordDeployment } from "../../../src/sandbox/index.js";
import { parseLabels } from "../../helpers/checklist-labels.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import {
  BETA_DEFINITION_PATH,
  BETA_SHA,
  FRONTEND_PATH,
  pushCodeWithoutFlag,
  releaseWorldSeed,
} from "../../helpers/release-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import {
  DEVELOPER,
  FEATURE_ISSUE_IID,
  FLAG,
  ISSUE_IID,
  PROJECT,
  PROJECT_ID,
} from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";
const COMMIT = `POST ${API}/repository/commits`;
const OPEN_MR = `POST ${API}/merge_requests`;
const CREATE_ISSUE = `POST ${API}/issues`;
const DELETE = (instance: string) => `DELETE /${instance}/api/v4/features/:name`;
const BRANCH = `ff-rollout/${FLAG}-cleanup`;
const CLEANUP_FIXTURES = join(import.meta.dirname, "../../fixtures/checklist/cleanup-issue");

describe("cleanup", () => {
  const sb = useStrictSandbox(() => releaseWorldSeed());
  const home = () => sb.state("production");
  const cleanupMr = () => home().mergeRequests.find((m) => m.sourceBranch === BRANCH)!;

  it("opens the cleanup MR: definition deleted, references listed for a person", async () => {
    sb.expectRequests([
      { request: COMMIT, times: 1 },
      { request: OPEN_MR, times: 1 },
      WRITES.note,
      WRITES.unlease,
      WRITES.issue,
      ...ANY_READ,
    ]);
    const p = phaseRunner(sb);
    const result = await p.run("run", "cleanup");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("code references: 3 files still read the flag");

    const mr = cleanupMr();
    const blob = `${sb.instanceUrl("production")}/${PROJECT}/-/blob/master`;
    expect(mr.title).toBe(`Remove the \`${FLAG}\` feature flag`);
    expect(mr.description).toContain(
      [
        `- [ ] [\`${FRONTEND_PATH}\`](${blob}/${FRONTEND_PATH}#L2) line 2`,
        `- [ ] [\`app/models/pipeline_graph.rb\`](${blob}/app/models/pipeline_graph.rb#L2) line 2`,
        `- [ ] [\`doc/pipeline_graph.md\`](${blob}/doc/pipeline_graph.md#L3) line 3`,
      ].join("\n"),
    );
    expect(mr.description).toContain(`its definition (\`${BETA_DEFINITION_PATH}\`)`);
    expect(mr.description).toContain(`/-/issues/${FEATURE_ISSUE_IID}`);

    const repo = home().repository(PROJECT_ID);
    const commit = repo.commits.get(repo.branches.get(BRANCH)!)!;
    expect(commit.parentIds).toEqual([BETA_SHA]);
    expect(commit.files.has(BETA_DEFINITION_PATH)).toBe(false);
    expect(commit.files.get(FRONTEND_PATH)).toContain("gon.features.sandboxRolloutFlag");
    expect(commit.message.endsWith("\n\nChangelog: added")).toBe(true);
    expect((sb.requests(COMMIT)[0]!.body as { actions: unknown[] }).actions).toEqual([
      { action: "delete", file_path: BETA_DEFINITION_PATH, last_commit_id: BETA_SHA },
    ]);
    // Nothing is deleted yet, anywhere.
    for (const instance of ["dev", "staging", "production"]) {
      expect(p.flag(instance, FLAG)?.boolean).toBe(true);
    }
    expect(p.box("Remove the YAML definitions")).toBe("- [x]");
    // Its sibling is a person's job, so the item above both stays open.
    expect(p.box("Remove all references")).toBe("- [ ]");
    expect(p.box("Create a merge request to remove")).toBe("- [ ]");
  });

  it("deletes the flag only once the MR is merged and deployed; a re-run changes nothing", async () => {
    sb.expectRequests([
      COMMIT,
      OPEN_MR,
      { request: DELETE("dev"), times: 1 },
      { request: DELETE("staging"), times: 1 },
      { request: DELETE("production"), times: 1 },
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
      ...ANY_READ,
    ]);
    const p = phaseRunner(sb, { milestone: "19.7" });
    expect((await p.run("run", "cleanup")).code).toBe(0);
    const writes = () => p.writes().length;

    let before = writes();
    const open = await p.run("run", "cleanup");
    expect(open.code).toBe(1);
    expect(open.stderr).toContain(
      `the cleanup merge request ${sb.instanceUrl("production")}/${PROJECT}/-/merge_requests/${cleanupMr().iid} is open, not merged yet: remove the flag's references listed in it, merge it, and play cleanup again once it is deployed to production`,
    );
    expect(writes()).toBe(before);

    pushCodeWithoutFlag(home(), PROJECT_ID, BRANCH);
    home().mergeMergeRequest(PROJECT, cleanupMr().iid, { user: "dana" });
    const sha = cleanupMr().mergeCommitSha!;
    before = writes();
    const undeployed = await p.run("run", "cleanup");
    expect(undeployed.code).toBe(1);
    expect(undeployed.stderr).toContain(
      `the cleanup merge request's commit ${sha.slice(0, 8)} is not deployed to gprd-cny`,
    );
    expect(undeployed.stderr).toContain(`is not deployed to gprd (`);
    expect(writes()).toBe(before);

    recordDeployment(home(), PROJECT, "gprd-cny", sha);
    recordDeployment(home(), PROJECT, "gprd", sha);
    const done = await p.run("run", "cleanup");
    expect(done.code, done.stderr).toBe(0);
    for (const instance of ["dev", "staging", "production"]) {
      expect(p.flag(instance, FLAG)).toBeUndefined();
    }
    expect(home().issue(PROJECT, FEATURE_ISSUE_IID).state).toBe("closed");
    expect(home().issue(PROJECT, ISSUE_IID).state).toBe("closed");
    const told = home()
      .notes(PROJECT, FEATURE_ISSUE_IID)
      .filter((n) => !n.system && n.body.includes(`ff-rollout:cleanup ${FLAG}`));
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain("the flag is deleted on every instance");
    expect(done.stdout).toContain(
      "✓ code references: the default branch no longer reads the flag; mentioned in 1 document (doc/pipeline_graph.md:3)",
    );
    for (const item of [
      "Remove all references",
      "Create a merge request to remove",
      "cleanup MR is deployed to production",
      "Close the feature issue",
      "Delete the flag on every environment",
      "feature delete",
      "Close this rollout issue",
    ]) {
      expect(p.box(item), item).toBe("- [x]");
    }
    // The release section is not the cleanup's, even where the effect is the same.
    expect(p.box("sets `default_enabled`")).toBe("- [ ]");

    before = writes();
    const again = await p.run("run", "cleanup");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`\`${FLAG}\` is deleted everywhere and its issues are closed`);
    expect(writes()).toBe(before);
  });

  it("merged and deployed but the code still reads the flag: not now, nothing deleted", async () => {
    sb.expectRequests([COMMIT, OPEN_MR, WRITES.note, WRITES.unlease, WRITES.issue, ...ANY_READ]);
    const p = phaseRunner(sb);
    expect((await p.run("run", "cleanup")).code).toBe(0);
    // Merged as opened: only the definition is gone; the frontend and the model still read it.
    home().mergeMergeRequest(PROJECT, cleanupMr().iid, { user: "dana" });
    for (const env of ["gprd-cny", "gprd"]) {
      recordDeployment(home(), PROJECT, env, cleanupMr().mergeCommitSha!);
    }
    const before = p.writes().length;
    const held = await p.run("run", "cleanup");
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(
      `the default branch still reads \`${FLAG}\` in 2 files (${FRONTEND_PATH}:2, app/models/pipeline_graph.rb:2): deleting the flag now would switch those paths off for everyone`,
    );
    // The document's mention is not code: it is not in the list that holds the delete.
    expect(held.stderr).not.toContain("doc/pipeline_graph.md");
    expect(p.writes()).toHaveLength(before);
    for (const instance of ["dev", "staging", "production"]) {
      expect(p.flag(instance, FLAG)?.boolean).toBe(true);
    }
    expect(p.box("Remove all references")).toBe("- [ ]");
  });

  it("with cleanup_issue, creates the cleanup issue once, like the rollout issue, and closes it", async () => {
    sb.expectRequests([
      COMMIT,
      OPEN_MR,
      { request: CREATE_ISSUE, times: 1 },
      { request: WRITES.link, times: 1 },
      DELETE("dev"),
      DELETE("staging"),
      DELETE("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
      ...ANY_READ,
    ]);
    const p = phaseRunner(sb, { cleanup_issue: true, close_feature_issue: false });
    expect((await p.run("run", "cleanup")).code).toBe(0);
    const issue = home().issues.find((i) => i.title === `[Feature flag] Cleanup \`${FLAG}\``)!;
    expect(issue.labels).toEqual(home().issue(PROJECT, ISSUE_IID).labels);
    expect(issue.description).toContain(`/-/issues/${ISSUE_IID}`);
    const links = home().issueLinks.filter(
      (l) =>
        [l.sourceIssueId, l.targetIssueId].sort().join() ===
        [issue.id, home().issue(PROJECT, ISSUE_IID).id].sort().join(),
    );
    expect(links).toHaveLength(1);
    expect((await p.run("run", "cleanup")).code).toBe(1); // MR not merged; no second issue either

    pushCodeWithoutFlag(home(), PROJECT_ID, BRANCH);
    home().mergeMergeRequest(PROJECT, cleanupMr().iid);
    for (const env of ["gprd-cny", "gprd"]) {
      recordDeployment(home(), PROJECT, env, cleanupMr().mergeCommitSha!);
    }
    const done = await p.run("run", "cleanup");
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("left open (close_feature_issue: false)");
    expect(issue.state).toBe("closed");
    expect(home().issue(PROJECT, FEATURE_ISSUE_IID).state).toBe("opened");
    expect(home().issue(PROJECT, ISSUE_IID).state).toBe("closed");
    // Its own list, ticked by the same runs; no feature-issue item, as that one stays open.
    const boxes = issue.description.split("\n").filter((l) => l.startsWith("- ["));
    expect(boxes).toHaveLength(5);
    expect(
      boxes.every((l) => l.startsWith("- [x]")),
      boxes.join("\n"),
    ).toBe(true);
  });

  it("--json lists the issue writes it made besides the note and the ticks", async () => {
    sb.expectRequests([COMMIT, OPEN_MR, WRITES.note, WRITES.unlease, WRITES.issue, ...ANY_READ]);
    const p = phaseRunner(sb);
    const result = await p.run("run", "cleanup", "--json");
    expect(result.code, result.stderr).toBe(0);
    const { changes } = JSON.parse(result.stdout) as { changes: { issue: string[] } };
    const url = `${sb.instanceUrl("production")}/${PROJECT}/-/merge_requests/${cleanupMr().iid}`;
    expect(changes.issue).toContain(`opened the cleanup merge request ${url}`);
  });

  it("--dry-run prints the cleanup MR it would open and sends no write", async () => {
    sb.expectRequests(ANY_READ);
    const p = phaseRunner(sb);
    const result = await p.run("run", "cleanup", "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `issue: open the cleanup merge request from ${BRANCH} into master`,
    );
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(p.writes()).toEqual([]);
  });

  it("will not open the cleanup MR while the flag is not fully on in production", async () => {
    sb.expectRequests(ANY_READ);
    home().features.set(FLAG, {
      ...home().features.get(FLAG)!,
      boolean: false,
      percentage_of_actors: 50,
    });
    const p = phaseRunner(sb);
    const result = await p.run("run", "cleanup");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `\`${FLAG}\` is not fully on in production (production: 50% of actors); removing it would switch the feature on for everyone. Run the global phase first, or pass --force --reason "..." if the feature is being dropped`,
    );
    expect(p.writes()).toEqual([]);
  });
});

describe("cleanup tracked in a person's cleanup issue", () => {
  const THEIRS = 4200;
  const sb = useStrictSandbox(() => {
    const seed = releaseWorldSeed();
    const home = seed.instances.production!;
    home.issues = [
      ...(home.issues ?? []),
      {
        project: PROJECT,
        iid: THEIRS,
        id: 94200,
        // GitLab's template suggests the title without code marks.
        title: `[Feature flag] Cleanup ${FLAG}`,
        description: readFileSync(join(CLEANUP_FIXTURES, "2021-per-instance-deletes.md"), "utf8"),
        labels: ["feature flag"],
        author: DEVELOPER.username,
      },
    ];
    return seed;
  });
  const home = () => sb.state("production");
  const cleanupMr = () => home().mergeRequests.find((m) => m.sourceBranch === BRANCH)!;

  it("ticks a cleanup issue a person made from GitLab's template, exactly its labels", async () => {
    sb.expectRequests([
      COMMIT,
      OPEN_MR,
      DELETE("dev"),
      DELETE("staging"),
      DELETE("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
      ...ANY_READ,
    ]);
    const labels = parseLabels(
      readFileSync(join(CLEANUP_FIXTURES, "2021-per-instance-deletes.labels"), "utf8"),
      "labels",
    );
    const p = phaseRunner(sb, { close_feature_issue: true });
    expect((await p.run("run", "cleanup")).code).toBe(0);
    pushCodeWithoutFlag(home(), PROJECT_ID, BRANCH);
    home().mergeMergeRequest(PROJECT, cleanupMr().iid);
    for (const env of ["gprd-cny", "gprd"]) {
      recordDeployment(home(), PROJECT, env, cleanupMr().mergeCommitSha!);
    }
    const done = await p.run("run", "cleanup");
    expect(done.code, done.stderr).toBe(0);
    // No second cleanup issue: theirs is the one, and it is closed with the rest.
    expect(home().issues.filter((i) => i.title.includes("Cleanup"))).toHaveLength(1);
    const issue = home().issue(PROJECT, THEIRS);
    expect(issue.state).toBe("closed");
    const lines = issue.description.split("\n");
    for (const { line, label, snippet } of labels) {
      const box = lines[line - 1] ?? "";
      expect(box, snippet).toContain(label === "cleanup" ? "[x]" : "[ ]");
    }
  });
});
