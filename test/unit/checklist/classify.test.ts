import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyItems, itemsToTick, type MatchContext } from "../../../src/checklist/index.js";
import { matchContext, PHASE_SEQUENCE, phaseRuns, rollbackRun } from "../../helpers/phase-facts.js";
import { CASES } from "./cases.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/checklist");
const ctx: MatchContext = {
  flag: "my_flag",
  actorType: "project",
  actors: ["g/p"],
  percentages: [10, 50],
};

function classifyOne(heading: string, item: string) {
  const [only] = classifyItems(`## ${heading}\n\n- [ ] ${item}\n`, ctx);
  return only;
}

describe("intents, by section and wording across template generations", () => {
  const table: Array<[string, string, string]> = [
    [
      "Rollout on non-production environments",
      "Verify the MR with the feature flag is merged to master.",
      "mr-merged",
    ],
    [
      "Non-production",
      "Check that the MR introducing the flag is merged into `main`.",
      "mr-merged",
    ],
    ["Staging", "Code merged into the default branch", "mr-merged"],
    [
      "Rollout on non-production environments",
      "Ensure that the feature MRs have been deployed to non-production environments.",
      "deployed-non-production",
    ],
    [
      "Preparation before production rollout",
      "Ensure that the feature MRs have been deployed to both production and canary.",
      "deployed-production",
    ],
    [
      "Preparation before global rollout",
      "Set a milestone to the rollout issue to signal for enabling and removing the feature flag.",
      "milestone-set",
    ],
    [
      "Priliminary tasks before global rollout on production",
      "Check if the feature flag change needs to be accompanied with a change management issue.",
      "change-issue-linked",
    ],
    [
      "Preparation before global rollout",
      "Leave a comment on the feature issue announcing estimated time when this feature flag will be enabled.",
      "feature-issue-eta",
    ],
    [
      "Preliminary tasks",
      "Announce on the issue an estimated time this will be enabled on GitLab.com",
      "feature-issue-eta",
    ],
    [
      "Global rollout on production",
      "Leave a comment on the feature issue announcing that the feature has been globally enabled.",
      "feature-issue-global",
    ],
    [
      "Global rollout on production",
      "Announce on the issue that the flag has been enabled",
      "feature-issue-global",
    ],
    [
      "Global rollout on production",
      "Wait for at least one day for the verification term.",
      "soaked-one-day",
    ],
    [
      "Global rollout on production",
      "After the feature has been 100% enabled, wait for at least one day before releasing the feature.",
      "soaked-one-day",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Create a merge request with the following changes. Ask for review and merge it.",
      "default-enabled-mr",
    ],
    [
      "Optional: Change the default value of the flag in code",
      "Create a merge request to change `default_enabled` attribute of the flag YAML definition to be `true`.",
      "default-enabled-mr",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Ensure that the default-enabling MR has been included in the release package.",
      "release-included",
    ],
    [
      "Release the feature",
      "Create a merge request to remove `<feature-flag-name>` feature flag. Ask for review and merge it.",
      "cleanup-mr",
    ],
    ["Cleanup", "Remove the YAML definitions for the feature from the repository.", "cleanup-mr"],
    [
      "Release the feature",
      "Remove all references to the feature flag from the codebase.",
      "code-references-removed",
    ],
    ["Cleanup", "Remove every reference to the flag from the codebase.", "code-references-removed"],
    ["Cleanup", "Cleanup MR created.", "cleanup-mr"],
    ["Cleanup", "Wait until the above MR has landed on production.", "cleanup-deployed"],
    [
      "Release the feature",
      "Close the feature issue to indicate the feature will be released in the current milestone.",
      "feature-issue-closed",
    ],
    ["Release the feature", "Close this rollout issue.", "rollout-issue-closed"],
    [
      "(Optional) Release the feature with the feature flag",
      "Set the next milestone to this rollout issue for scheduling the flag removal.",
      "next-milestone-set",
    ],
    [
      "(Optional) Ship the feature with the flag still in place",
      "Move this issue to the next milestone, for the flag removal.",
      "next-milestone-set",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "(Optional) [Open a separate issue](https://gitlab.com/gitlab-org/gitlab/-/issues/new?issuable_template=Feature%20Flag%20Cleanup) to schedule the steps.",
      "cleanup-issue-opened",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Run the `/copy_metadata <this-rollout-issue-link>` quick action there to copy this issue's labels.",
      "cleanup-issue-opened",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Link this rollout issue as a related issue.",
      "cleanup-issue-opened",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Add [a changelog entry](https://docs.gitlab.com/ee/development/feature_flags/#changelog).",
      "changelog-entry",
    ],
    ["Release the feature", "Create a changelog entry", "changelog-entry"],
  ];

  it.each(table)("%s: %s -> %s", (heading, text, intent) => {
    expect(classifyOne(heading, text)).toMatchObject({ kind: "intent", intent });
  });

  it("tells the section's phase: close the feature issue in the optional release vs in cleanup", () => {
    expect(
      classifyOne(
        "(Optional) Release the feature with the feature flag",
        "Close the feature issue.",
      )?.phase,
    ).toBe("release");
    expect(classifyOne("Release the feature", "Close the feature issue.")?.phase).toBe("cleanup");
  });

  it("reads `auto_deploy status` by where it stands", () => {
    const md = [
      "## Rollout on non-production environments",
      "",
      "- [ ] `/chatops run auto_deploy status <merge-commit-of-your-feature>`",
      "",
      "## Specific rollout on production",
      "",
      "- [ ] `/chatops run auto_deploy status <merge-commit-of-your-feature>`",
      "",
      "## Cleanup",
      "",
      "- [ ] Wait until it is on production: `/chatops run auto_deploy status <merge-commit>`",
    ].join("\n");
    expect(classifyItems(md, ctx).map((c) => c.intent)).toEqual([
      "deployed-non-production",
      "deployed-production",
      "cleanup-deployed",
    ]);
  });
});

describe("human items", () => {
  const human: Array<[string, string]> = [
    [
      "Rollout on non-production environments",
      "Verify that the feature works as expected. Posting the QA result in this issue is preferable.",
    ],
    [
      "Preparation before global rollout",
      "Ensure that you or a representative in development can be available for at least 2 hours after feature flag updates.",
    ],
    ["Preparation before global rollout", "Ensure that documentation has been updated."],
    [
      "Preparation before global rollout",
      "Ensure that any breaking changes have been announced following the release post process.",
    ],
    ["Preparation before global rollout", "Notify `#support_gitlab-com` and your team channel."],
    [
      "Global rollout on production",
      "Between every step wait for at least 15 minutes and monitor the appropriate graphs.",
    ],
    [
      "Global rollout on production",
      "Observe appropriate graphs on the dashboards and verify that services are not affected.",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Review what warrants a changelog entry and decide if one is needed.",
    ],
    [
      "(Optional) Release the feature with the feature flag",
      "Decide [which changelog entry](https://docs.gitlab.com/ee/development/feature_flags/#changelog) it needs.",
    ],
    // Outside the release path, the same words stay a person's.
    ["Cleanup", "Schedule the removal for the next milestone."],
    ["Global rollout on production", "Link this rollout issue as a related issue."],
    ["Roll Out Steps", "Remove the flag and add a changelog entry"],
  ];

  it.each(human)("%s: %s is for a person", (heading, text) => {
    expect(classifyOne(heading, text)?.kind).toBe("human");
  });

  it.each(CASES)("are never ticked, whatever the facts ($fixture)", ({ fixture, config }) => {
    const md = readFileSync(join(FIXTURES, `${fixture}.md`), "utf8");
    const everything = [
      ...PHASE_SEQUENCE.flatMap((phase) => phaseRuns(phase, config).flat()),
      ...rollbackRun(config, true),
    ];
    const humans = classifyItems(md, matchContext(config))
      .filter((c) => c.kind === "human")
      .map((c) => c.item.index);
    expect(humans.length).toBeGreaterThan(0);
    const ticked = itemsToTick(md, everything, matchContext(config)).map((item) => item.index);
    expect(ticked.filter((index) => humans.includes(index))).toEqual([]);
  });
});

describe("classifyItems", () => {
  it("says which phase would tick each item and which alternatives do not apply", () => {
    const md = readFileSync(join(FIXTURES, "four-space-nesting.md"), "utf8");
    const rows = classifyItems(md, { ...ctx, actorType: "user" }).map((c) => [
      c.item.line,
      c.kind,
      c.phase,
      c.applicable,
    ]);
    expect(rows).toContainEqual([49, "command", "non-production", true]);
    expect(rows).toContainEqual([62, "command", "production-actors", true]);
    expect(rows).toContainEqual([65, "command", "production-actors", false]);
    expect(rows).toContainEqual([69, "command", "production-actors", true]);
    expect(rows).toContainEqual([92, "command", "rollout", true]);
    expect(rows).toContainEqual([94, "command", "rollout", false]);
    expect(rows).toContainEqual([96, "command", "global", true]);
    expect(rows).toContainEqual([114, "command", "release", true]);
    expect(rows).toContainEqual([135, "command", "cleanup", true]);
    expect(rows).toContainEqual([140, "command", "rollback", true]);
  });

  it("classifies a grouping parent as a group with its children's phase", () => {
    const md =
      "## Cleanup\n\n- [ ] Do the following:\n    - [ ] `/chatops run feature delete <feature-flag-name> --dev`\n";
    expect(classifyItems(md, ctx)[0]).toMatchObject({ kind: "group", phase: "cleanup" });
  });

  it("reports an unknown marker and an unrecognised item as unknown", () => {
    const md =
      "- [ ] Ask the test projects for feedback\n- [ ] Thing <!-- ff-rollout:no-such-id -->\n";
    expect(classifyItems(md, ctx).map((c) => c.kind)).toEqual(["unknown", "unknown"]);
  });
});

describe("our issue template", () => {
  it("gives every item a marker the matcher knows", () => {
    const md = readFileSync(
      join(import.meta.dirname, "../../../issue-templates/feature-flag-rollout.md"),
      "utf8",
    );
    const rows = classifyItems(md, ctx);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.item.marker, row.item.text).not.toBeNull();
      expect(row.kind, row.item.text).not.toBe("unknown");
      expect(row.phase, row.item.text).toBeDefined();
    }
  });

  it("has no quick-action line but the label, which GitLab applies when the issue is created", () => {
    const md = readFileSync(
      join(import.meta.dirname, "../../../issue-templates/feature-flag-rollout.md"),
      "utf8",
    );
    expect(md.split("\n").filter((line) => line.startsWith("/"))).toEqual([
      '/label ~"feature flag"',
    ]);
  });
});
