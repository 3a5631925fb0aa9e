// cleanup after the optional release path: what release did (the feature issue closed, the
// cleanup issue opened, the rollout issue closed) is verified, not done again; the flag goes,
// the cleanup issue is closed, and both lists are ticked. Without a `Changelog:` trailer in the
// merged cleanup MR's commits, the changelog item and its parent stay for a person.

import { describe, expect, it } from "vitest";
import { recordDeployment } from "../../../src/sandbox/index.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { pushCodeWithoutFlag, releaseWorldSeed } from "../../helpers/release-world.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FEATURE_ISSUE_IID, FLAG, ISSUE_IID, PROJECT, PROJECT_ID } from "../../helpers/seeds.js";

const API = "/production/api/v4/projects/:id";
const DELETE = (instance: string) => `DELETE /${instance}/api/v4/features/:name`;
const CLEANUP_TITLE = `[Feature flag] Cleanup \`${FLAG}\``;

function checklist(): string {
  return [
    `## Rolling out \`${FLAG}\``,
    "",
    "### (Optional) Release the feature with the feature flag",
    "",
    "- [ ] Create a merge request with these changes.",
    "    - [ ] Set `default_enabled` to `true` in the flag's definition.",
    "    - [ ] Add a changelog entry.",
    "- [ ] Close the feature issue to say the feature ships this milestone.",
    "- [ ] Set the next milestone on this rollout issue to schedule the flag removal.",
    "",
    "### Release the feature",
    "",
    "- [ ] Create a merge request to remove the feature flag.",
    "    - [ ] Remove all references to the feature flag from the codebase.",
    "    - [ ] Remove the YAML definitions of the feature flag.",
    "    - [ ] Create a changelog entry.",
    "- [ ] Close the feature issue.",
    "- [ ] Close this rollout issue.",
    "",
  ].join("\n");
}

describe("cleanup after the release path", () => {
  const sb = useStrictSandbox(() => {
    const world = releaseWorldSeed({ description: checklist(), globalMinutesAgo: 25 * 60 });
    const home = world.instances.production!;
    home.issues = (home.issues ?? []).map((issue) =>
      issue.iid === ISSUE_IID ? { ...issue, milestone: "19.7" } : issue,
    );
    return world;
  });
  const home = () => sb.state("production");
  const mrFrom = (branch: string) => home().mergeRequests.find((m) => m.sourceBranch === branch)!;

  it("does not repeat the release steps, and leaves a changelog without trailer to a person", async () => {
    sb.expectRequests([
      `POST ${API}/repository/commits`,
      `POST ${API}/merge_requests`,
      `POST ${API}/issues`,
      DELETE("dev"),
      DELETE("staging"),
      DELETE("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
      WRITES.link,
      ...ANY_READ,
    ]);
    // No trailer on either commit: the changelog is a person's to write.
    const p = phaseRunner(sb, { cleanup_issue: true, changelog_trailer: "" });
    expect((await p.run("run", "release")).code).toBe(0);
    const release = mrFrom(`ff-rollout/${FLAG}-default-enabled`);
    home().mergeMergeRequest(PROJECT, release.iid, { user: "dana" });
    home().repository(PROJECT_ID).branches.set("19-7-stable-ee", release.mergeCommitSha!);
    const released = await p.run("run", "release");
    expect(released.code, released.stderr).toBe(0);
    expect(released.stdout).toContain(
      "changelog entry: none: no commit of the default-enabled merge request (1) has a Changelog: trailer; the changelog item is left to a person",
    );
    expect(p.box("Add a changelog entry")).toBe("- [ ]");
    expect(p.box("Create a merge request with these changes")).toBe("- [ ]");
    expect(home().issue(PROJECT, ISSUE_IID).state).toBe("closed");
    const feature = () =>
      home()
        .notes(PROJECT, FEATURE_ISSUE_IID)
        .filter((n) => !n.system);
    const featureNotes = feature().length;

    expect((await p.run("run", "cleanup")).code).toBe(0);
    expect(home().issues.filter((i) => i.title === CLEANUP_TITLE)).toHaveLength(1);
    const cleanup = `ff-rollout/${FLAG}-cleanup`;
    pushCodeWithoutFlag(home(), PROJECT_ID, cleanup);
    home().mergeMergeRequest(PROJECT, mrFrom(cleanup).iid, { user: "dana" });
    for (const env of ["gprd-cny", "gprd"])
      recordDeployment(home(), PROJECT, env, mrFrom(cleanup).mergeCommitSha!);
    const done = await p.run("run", "cleanup");
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(
      "has a Changelog: trailer; the changelog item is left to a person",
    );

    // Verified, not done again: no second comment, no second close, no second issue.
    expect(done.stdout).not.toMatch(/close the (feature|rollout) issue/);
    expect(feature()).toHaveLength(featureNotes);
    expect(home().issues.filter((i) => i.title === CLEANUP_TITLE)).toHaveLength(1);
    const issue = home().issues.find((i) => i.title === CLEANUP_TITLE)!;
    expect(issue.state).toBe("closed");
    expect(home().features.has(FLAG)).toBe(false);
    // The cleanup's own section, ticked now; the changelog child and its parent left.
    expect(p.box("Remove all references")).toBe("- [x]");
    expect(p.box("Create a changelog entry")).toBe("- [ ]");
    expect(p.box("Create a merge request to remove")).toBe("- [ ]");
    const lines = p.description().split("\n");
    expect(lines).toContain("- [x] Close the feature issue.");
    expect(lines).toContain("- [x] Close this rollout issue.");
  });
});
