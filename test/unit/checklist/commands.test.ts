import { describe, expect, it } from "vitest";
import { parseChatopsCommand, parseChatopsCommands } from "../../../src/checklist/index.js";
import { isPlaceholder } from "../../../src/checklist/placeholders.js";

describe("parseChatopsCommand", () => {
  const table: Array<[string, Record<string, unknown>]> = [
    [
      "`/chatops run feature set <feature-flag-name> true --dev --staging --staging-ref`",
      {
        kind: "feature-set",
        form: "chatops run",
        flag: { text: "<feature-flag-name>", placeholder: true },
        value: { kind: "boolean", value: true },
        instances: ["dev", "staging", "staging-ref"],
        actors: [],
        percentageOf: null,
      },
    ],
    [
      "/chatops gitlab run feature set my_flag false",
      {
        kind: "feature-set",
        form: "chatops gitlab run",
        flag: { text: "my_flag", placeholder: false },
        value: { kind: "boolean", value: false },
        instances: ["production"],
      },
    ],
    [
      "`/chatops run feature set --project=gitlab-org/gitlab,gitlab-org/gitlab-foss <feature-flag-name> true`",
      {
        instances: ["production"],
        actors: [
          {
            type: "project",
            actors: [
              { text: "gitlab-org/gitlab", placeholder: false },
              { text: "gitlab-org/gitlab-foss", placeholder: false },
            ],
          },
        ],
      },
    ],
    [
      "`/chatops run feature set --user=<your-username> <feature-flag-name> true`",
      { actors: [{ type: "user", actors: [{ text: "<your-username>", placeholder: true }] }] },
    ],
    [
      "`/chatops run feature set --feature-group=gitlab_team_members <feature-flag-name> true`",
      {
        actors: [
          { type: "feature_group", actors: [{ text: "gitlab_team_members", placeholder: false }] },
        ],
      },
    ],
    [
      "`/chatops run feature set <feature-flag-name> <rollout-percentage> --actors`",
      { value: { kind: "placeholder", text: "<rollout-percentage>" }, percentageOf: "actors" },
    ],
    [
      "/chatops run feature set feature_name 10 --random",
      { value: { kind: "percentage", value: 10 }, percentageOf: "time" },
    ],
    [
      "/chatops run feature set feature_name 10",
      { value: { kind: "percentage", value: 10 }, percentageOf: null },
    ],
    [
      "/chatops gitlab run feature set --group=root-group disable_x true --production --ops",
      { instances: ["production", "ops"], flag: { text: "disable_x", placeholder: false } },
    ],
    [
      "`/chatops run feature delete <feature-flag-name> --dev --pre --staging --staging-ref --production`",
      { kind: "feature-delete", instances: ["dev", "pre", "staging", "staging-ref", "production"] },
    ],
    [
      "/chatops run feature delete feature_name",
      { kind: "feature-delete", instances: ["production"] },
    ],
    ["`/chatops run feature get <feature-flag-name>`", { kind: "feature-get" }],
    [
      "`/chatops run auto_deploy status <merge-commit-of-your-feature>`",
      {
        kind: "auto-deploy-status",
        sha: { text: "<merge-commit-of-your-feature>", placeholder: true },
      },
    ],
    [
      "`/chatops run release check <merge-request-url> <milestone>`",
      {
        kind: "release-check",
        mergeRequest: { text: "<merge-request-url>", placeholder: true },
        milestone: { text: "<milestone>", placeholder: true },
      },
    ],
    [
      "/chatops gitlab run feature list --match run_sidekiq",
      { kind: "other", words: ["feature", "list", "--match", "run_sidekiq"] },
    ],
    // Prose after a command outside backticks, and sentence punctuation glued to the last word.
    [
      "Enable with /chatops run feature set my_flag true --dev. Then check it.",
      { raw: "/chatops run feature set my_flag true --dev", instances: ["dev"] },
    ],
    // Unknown options are ignored; a shell comment ends the command.
    [
      "/chatops gitlab run feature set x false --ignore-feature-flag-consistency-check # production",
      {
        raw: "/chatops gitlab run feature set x false --ignore-feature-flag-consistency-check",
        instances: ["production"],
      },
    ],
  ];

  it.each(table)("%s", (text, expected) => {
    expect(parseChatopsCommand(text)).toMatchObject(expected);
  });

  it("returns null without a command", () => {
    expect(parseChatopsCommand("Enable on staging")).toBeNull();
    expect(parseChatopsCommand("/label ~feature flag")).toBeNull();
  });

  it("finds every command of a text in order", () => {
    const text =
      "Check with `/chatops run feature get <feature-flag-name>`, and if not, enable it with `/chatops run feature set <feature-flag-name> true`";
    expect(parseChatopsCommands(text).map((c) => c.kind)).toEqual(["feature-get", "feature-set"]);
  });
});

describe("isPlaceholder", () => {
  it.each([
    "<feature-flag-name>",
    "<feature_flag_name>",
    "feature_name",
    ":feature_name",
    "<rollout-percentage>",
    "<merge-commit-of-your-feature>",
    "<your-username>",
    "FEATURE_NAME",
    "$FLAG",
  ])("%s is a placeholder", (token) => expect(isPlaceholder(token)).toBe(true));

  it.each(["my_flag", "true", "50", "gitlab-org/gitlab", "ci_job_token_scope_v2"])(
    "%s is not",
    (token) => expect(isPlaceholder(token)).toBe(false),
  );
});
