// The optional release path's own steps through the CLI against the sandbox: once the
// default-enabled MR is merged and in the milestone's release, release closes the feature issue
// (with a comment), moves the rollout issue to the next milestone, opens the separate cleanup
// issue (title, labels and milestone copied, related) and closes the rollout issue, ticking
// exactly those items; a re-run does nothing twice, a failure half-way says what was done and a
// re-run finishes; without a next milestone that step is left to a person and the rest goes on.

import { describe, expect, it } from "vitest";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { releaseWorldSeed } from "../../helpers/release-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FEATURE_ISSUE_IID, FLAG, ISSUE_IID, PROJECT } from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";
const COMMIT = `POST ${API}/repository/commits`;
const OPEN_MR = `POST ${API}/merge_requests`;
const CREATE_ISSUE = `POST ${API}/issues`;
const BRANCH = `ff-rollout/${FLAG}-default-enabled`;
const CLEANUP_TITLE = `[Feature flag] Cleanup \`${FLAG}\``;

/** A rollout issue with the template's optional release section, in our own words. */
function releasePathChecklist(): string {
  return [
    `## Rolling out \`${FLAG}\``,
    "",
    "### Global rollout on production",
    "",
    `- [x] \`/chatops run feature set ${FLAG} true\``,
    "",
    "### (Optional) Release the feature with the feature flag",
    "",
    "- [ ] Create a merge request with these changes.",
    "    - [ ] Set `default_enabled` to `true` in the flag's definition.",
    "    - [ ] Add a changelog entry.",
    "- [ ] Make sure the default-enabling MR has been included in the release package.",
    `- [ ] Once it is deployed, delete the flag everywhere: \`/chatops run feature delete ${FLAG} --dev --staging --production\``,
    "- [ ] Close the feature issue to say the feature ships this milestone.",
    "- [ ] Set the next milestone on this rollout issue to schedule the flag removal.",
    "- [ ] (Optional) Open a separate issue to schedule the steps below.",
    `    - [ ] Set its title to "[Feature flag] Cleanup \`${FLAG}\`".`,
    "    - [ ] Run the `/copy_metadata <this-rollout-issue-link>` quick action there to copy this issue's labels.",
    "    - [ ] Link this rollout issue as a related issue.",
    "    - [ ] Close this rollout issue.",
    "",
    "### Release the feature",
    "",
    "- [ ] Create a merge request that removes the flag.",
    "- [ ] Close the feature issue.",
    "- [ ] Close this rollout issue.",
    "",
  ].join("\n");
}

function seed() {
  const world = releaseWorldSeed({
    description: releasePathChecklist(),
    globalMinutesAgo: 25 * 60,
  });
  const home = world.instances.production!;
  home.issues = (home.issues ?? []).map((issue) =>
    issue.iid === ISSUE_IID
      ? { ...issue, milestone: "19.7", labels: ["feature flag", "rollout::in progress"] }
      : issue,
  );
  return world;
}

const WRITING = [
  COMMIT,
  OPEN_MR,
  CREATE_ISSUE,
  WRITES.note,
  WRITES.unlease,
  WRITES.editNote,
  WRITES.issue,
  WRITES.link,
  ...ANY_READ,
];

describe("release steps", () => {
  const sb = useStrictSandbox(seed);
  const home = () => sb.state("production");
  const rollout = () => home().issue(PROJECT, ISSUE_IID);
  const milestoneTitle = (id: number | null) =>
    home().milestones.find((m) => m.id === id)?.title ?? null;
  const cleanupIssues = () => home().issues.filter((i) => i.title === CLEANUP_TITLE);

  /** Opens the default-enabled MR, merges it and cuts the 19.7 stable branch from it. */
  async function releasedMr(p: ReturnType<typeof phaseRunner>) {
    const opened = await p.run("run", "release");
    expect(opened.code, opened.stderr).toBe(0);
    const mr = home().mergeRequests.find((m) => m.sourceBranch === BRANCH)!;
    // The MR carries the milestone it ships in: the rollout issue's, before it moves on.
    expect(milestoneTitle(mr.milestoneId)).toBe("19.7");
    home().mergeMergeRequest(PROJECT, mr.iid, { user: "dana" });
    home().repository(mr.projectId).branches.set("19-7-stable-ee", mr.mergeCommitSha!);
    return mr;
  }

  it("does the template's release steps once, in its order, and ticks exactly them", async () => {
    sb.expectRequests(WRITING);
    const p = phaseRunner(sb, { cleanup_issue: true });
    const mr = await releasedMr(p);
    const result = await p.run("run", "release");
    expect(result.code, result.stderr).toBe(0);

    // The feature issue: told why, then closed.
    const feature = home().issue(PROJECT, FEATURE_ISSUE_IID);
    expect(feature.state).toBe("closed");
    const told = home()
      .notes(PROJECT, FEATURE_ISSUE_IID)
      .filter((n) => n.body.includes("ships enabled by default in 19.7"));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(`/-/merge_requests/${mr.iid}`);
    // The rollout issue: on the next milestone (the group's 19.8), then closed.
    expect(milestoneTitle(rollout().milestoneId)).toBe("19.8");
    expect(rollout().state).toBe("closed");
    // The cleanup issue: title, labels and the new milestone copied, related to the rollout issue.
    const [cleanup] = cleanupIssues();
    expect(cleanup).toBeDefined();
    expect(cleanup!.labels).toEqual(["feature flag", "rollout::in progress"]);
    expect(milestoneTitle(cleanup!.milestoneId)).toBe("19.8");
    const pair = [cleanup!.id, rollout().id].sort().join();
    expect(
      home().issueLinks.filter((l) => [l.sourceIssueId, l.targetIssueId].sort().join() === pair),
    ).toHaveLength(1);
    // The order the template gives, as the audit note lists it.
    const note = p.auditNotes().at(-1)!.body;
    const order = [
      "close the feature issue",
      "set the milestone 19.8",
      "created",
      "close the rollout issue",
    ].map((text) => note.indexOf(text));
    expect(
      order.every((at) => at >= 0),
      note,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // Exactly the release path's items; the delete and the cleanup section stay open.
    for (const text of [
      "Create a merge request with these changes",
      "Set `default_enabled`",
      "Add a changelog entry",
      "included in the release package",
      "Close the feature issue to say",
      "Set the next milestone",
      "Open a separate issue",
      "Set its title",
      "copy_metadata",
      "Link this rollout issue",
    ]) {
      expect(p.box(text), text).toBe("- [x]");
    }
    expect(p.box("delete the flag everywhere")).toBe("- [ ]");
    expect(p.box("removes the flag")).toBe("- [ ]");
    expect(p.box("Close the feature issue.")).toBe("- [ ]");
    const lines = p.description().split("\n");
    expect(lines).toContain("    - [x] Close this rollout issue.");
    expect(lines).toContain("- [ ] Close this rollout issue.");

    // Again: nothing is done twice, nothing is written.
    const writes = p.writes().length;
    const again = await p.run("run", "release");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("the release steps are done");
    expect(again.stdout).toContain("Nothing changed, so no note was added.");
    expect(p.writes()).toHaveLength(writes);
    expect(cleanupIssues()).toHaveLength(1);
    expect(milestoneTitle(rollout().milestoneId)).toBe("19.8");
  });

  it("stopped half-way, says what it did; a re-run finishes without repeating it", async () => {
    sb.expectRequests(WRITING);
    const p = phaseRunner(sb, { cleanup_issue: true });
    await releasedMr(p);
    const fault = sb.sandbox.faults.add({
      instance: "production",
      method: "POST",
      path: "/projects/:id/issues",
      kind: "status",
      status: 500,
    });
    const feature = `${sb.instanceUrl("production")}/${PROJECT}/-/issues/${FEATURE_ISSUE_IID}`;
    const failed = await p.run("run", "release");
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(
      `issue: comment on ${feature}, close the feature issue ${feature}, set the milestone 19.8). Re-run the job to finish`,
    );
    expect(home().issue(PROJECT, FEATURE_ISSUE_IID).state).toBe("closed");
    expect(milestoneTitle(rollout().milestoneId)).toBe("19.8");
    expect(cleanupIssues()).toHaveLength(0);
    expect(rollout().state).toBe("opened");

    sb.sandbox.faults.remove(fault);
    const finished = await p.run("run", "release");
    expect(finished.code, finished.stderr).toBe(0);
    expect(cleanupIssues()).toHaveLength(1);
    expect(rollout().state).toBe("closed");
    // The milestone the MR shipped in still anchors the release check and the next milestone.
    expect(milestoneTitle(rollout().milestoneId)).toBe("19.8");
    expect(
      home()
        .notes(PROJECT, FEATURE_ISSUE_IID)
        .filter((n) => n.body.includes("ships enabled by default")),
    ).toHaveLength(1);
    expect(p.box("Set the next milestone")).toBe("- [x]");
  });

  it("without a milestone after the release's, leaves that step to a person and does the rest", async () => {
    sb.expectRequests(WRITING);
    const p = phaseRunner(sb, { cleanup_issue: true });
    await releasedMr(p);
    const next = home().milestones.find((m) => m.title === "19.8")!;
    next.state = "closed";
    const result = await p.run("run", "release");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `… next milestone: left to a person: no active milestone of ${PROJECT} or its groups starts after 19.7; create it, or set the rollout issue's milestone by hand`,
    );
    expect(milestoneTitle(rollout().milestoneId)).toBe("19.7");
    expect(cleanupIssues()).toHaveLength(1);
    expect(milestoneTitle(cleanupIssues()[0]!.milestoneId)).toBe("19.7");
    expect(rollout().state).toBe("closed");
    expect(p.box("Set the next milestone")).toBe("- [ ]");
    expect(p.box("Close the feature issue to say")).toBe("- [x]");
  });

  it("with cleanup_issue off, the rollout issue stays open to track the removal", async () => {
    sb.expectRequests(WRITING);
    const p = phaseRunner(sb);
    await releasedMr(p);
    const result = await p.run("run", "release");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("left open: it tracks the flag's removal");
    expect(cleanupIssues()).toHaveLength(0);
    expect(rollout().state).toBe("opened");
    expect(milestoneTitle(rollout().milestoneId)).toBe("19.8");
    expect(p.box("Open a separate issue")).toBe("- [ ]");
    expect(p.box("Close the feature issue to say")).toBe("- [x]");
  });
});
