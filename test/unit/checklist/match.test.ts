import { describe, expect, it } from "vitest";
import { itemsToTick, type MatchContext } from "../../../src/checklist/index.js";
import type { Fact } from "../../../src/engine/facts.js";

const ctx: MatchContext = {
  flag: "my_flag",
  actorType: "project",
  actors: ["g/p"],
  percentages: [10, 50],
};
const on = (
  instance: "dev" | "staging" | "production",
): Extract<Fact, { kind: "flag-boolean" }> => ({
  kind: "flag-boolean",
  flag: "my_flag",
  instance,
  value: true,
});
const pct = (percentage: number, of: "actors" | "time" = "actors"): Fact => ({
  kind: "flag-percentage",
  flag: "my_flag",
  instance: "production",
  of,
  percentage,
});
const ticked = (md: string, facts: Fact[], context: MatchContext = ctx) =>
  itemsToTick(md, facts, context).map((item) => item.text);

describe("itemsToTick: commands", () => {
  it("ticks a command item only when every instance it names has the value", () => {
    const md =
      "## Rollout on non-production\n\n- [ ] `/chatops run feature set <feature-flag-name> true --dev --staging`\n";
    expect(ticked(md, [on("dev")])).toEqual([]);
    expect(ticked(md, [on("dev"), on("staging")])).toHaveLength(1);
  });

  it("does not tick a command about another flag, nor facts about another flag", () => {
    const md =
      "- [ ] `/chatops run feature set other_flag true --dev`\n- [ ] `/chatops run feature set my_flag true --dev`\n";
    expect(ticked(md, [on("dev")])).toEqual(["`/chatops run feature set my_flag true --dev`"]);
    expect(ticked(md, [{ ...on("dev"), flag: "unrelated" }])).toEqual([]);
  });

  it("ignores a named instance the configuration lacks, when the instances are given", () => {
    const md = "- [ ] `/chatops run feature set <feature-flag-name> true --dev --pre --staging`\n";
    expect(ticked(md, [on("dev"), on("staging")])).toEqual([]);
    expect(
      ticked(md, [on("dev"), on("staging")], {
        ...ctx,
        instances: ["dev", "staging", "production"],
      }),
    ).toHaveLength(1);
  });

  it("ticks a percentage placeholder only when a run set the whole series; fully on is not a percentage", () => {
    const md =
      "## Global rollout on production\n\n- [ ] `/chatops run feature set <feature-flag-name> <rollout-percentage> --actors`\n";
    expect(ticked(md, [pct(10)])).toEqual([]);
    expect(ticked(md, [pct(50)])).toHaveLength(1);
    expect(ticked(md, [on("production")])).toEqual([]);
    expect(ticked(md, [pct(50, "time")])).toEqual([]);
  });

  it("ticks a non-production percentage step only after a run set a percentage there", () => {
    const md =
      "- [ ] Deploy the flag at a percentage with `/chatops run feature set <feature-flag-name> <rollout-percentage> --actors --dev --staging`\n";
    const at = (instance: "dev" | "staging", percentage: number): Fact => ({
      kind: "flag-percentage",
      flag: "my_flag",
      instance,
      of: "actors",
      percentage,
    });
    expect(ticked(md, [on("dev"), on("staging")])).toEqual([]);
    expect(ticked(md, [at("dev", 25)])).toEqual([]);
    expect(ticked(md, [at("dev", 25), at("staging", 25)])).toHaveLength(1);
  });

  it("ticks --actors only for an actor flag and --random only for a flag without actor", () => {
    const md = [
      "- [ ] `/chatops run feature set <feature-flag-name> <rollout-percentage> --actors`",
      "- [ ] `/chatops run feature set <feature-flag-name> <rollout-percentage> --random`",
    ].join("\n");
    expect(ticked(md, [pct(50)])).toEqual([expect.stringContaining("--actors")]);
    expect(ticked(md, [pct(50, "time")], { ...ctx, actorType: "none" })).toEqual([
      expect.stringContaining("--random"),
    ]);
  });

  it("ticks a concrete percentage once it is reached", () => {
    const md = "- [ ] `/chatops gitlab run feature set <feature-flag-name> 10 --actors`\n";
    expect(ticked(md, [pct(5)])).toEqual([]);
    expect(ticked(md, [pct(10)])).toHaveLength(1);
    expect(ticked(md, [pct(25)])).toHaveLength(1);
  });

  it("of actor alternatives ticks only the configured type's item", () => {
    const md = [
      "- If you use a **project actor**:",
      "  - [ ] `/chatops run feature set --project=gitlab-org/gitlab <feature-flag-name> true`",
      "- If you use a **group actor**:",
      "  - [ ] `/chatops run feature set --group=gitlab-org <feature-flag-name> true`",
    ].join("\n");
    const facts: Fact[] = [
      {
        kind: "flag-actors",
        flag: "my_flag",
        instance: "production",
        actorType: "project",
        actors: ["gitlab-org/gitlab"],
      },
    ];
    expect(ticked(md, facts, { ...ctx, actors: ["gitlab-org/gitlab"] })).toEqual([
      expect.stringContaining("--project="),
    ]);
    expect(ticked(md, facts, { ...ctx, actorType: "group" })).toEqual([]);
  });

  it("ticks an item naming actors only when those actors were enabled", () => {
    const md = [
      "- [ ] `/chatops run feature set --project=gitlab-org/gitlab <feature-flag-name> true`",
      "- [ ] `/chatops run feature set --project=gitlab-org/gitlab-foss <feature-flag-name> true`",
      "- [ ] `/chatops run feature set --project=<your-project> <feature-flag-name> true`",
    ].join("\n");
    const facts: Fact[] = [
      {
        kind: "flag-actors",
        flag: "my_flag",
        instance: "production",
        actorType: "project",
        actors: ["g/p", "gitlab-org/gitlab"],
      },
    ];
    expect(ticked(md, facts)).toEqual([
      expect.stringContaining("gitlab-org/gitlab "),
      expect.stringContaining("<your-project>"),
    ]);
  });

  it("reads the generic `--<actor-type>=<actor>` option as the configured type", () => {
    const md = "- [ ] `/chatops run feature set --<actor-type>=<actor> <feature-flag-name> true`\n";
    const facts: Fact[] = [
      {
        kind: "flag-actors",
        flag: "my_flag",
        instance: "production",
        actorType: "project",
        actors: ["g/p"],
      },
    ];
    expect(ticked(md, facts)).toHaveLength(1);
    expect(ticked(md, [on("production")])).toEqual([]);
    expect(ticked(md, facts, { ...ctx, actorType: "none", actors: [] })).toEqual([]);
  });

  it("reads alternatives listed as plain sub-items of one task item", () => {
    const md = [
      "- [ ] Pick the line for the flag's actor type:",
      "  - Project: `/chatops run feature set --project=a/b <feature-flag-name> true`",
      "  - Group: `/chatops run feature set --group=a <feature-flag-name> true`",
    ].join("\n");
    const facts: Fact[] = [
      {
        kind: "flag-actors",
        flag: "my_flag",
        instance: "production",
        actorType: "group",
        actors: ["a"],
      },
    ];
    expect(ticked(md, facts, { ...ctx, actorType: "group", actors: ["a"] })).toHaveLength(1);
    expect(ticked(md, facts, { ...ctx, actorType: "user", actors: ["a"] })).toEqual([]);
  });
});

describe("itemsToTick: parents", () => {
  const md = [
    "## Rollout on non-production environments",
    "",
    "- [ ] Enable the feature globally on non-production environments.",
    "    - [ ] `/chatops run feature set <feature-flag-name> true --dev`",
    "    - [ ] `/chatops run feature set <feature-flag-name> true --staging`",
  ].join("\n");

  it("ticks a grouping parent with its children in the same pass", () => {
    expect(ticked(md, [on("dev"), on("staging")])).toHaveLength(3);
  });

  it("leaves the parent while a child is not done", () => {
    expect(ticked(md, [on("dev")])).toEqual([expect.stringContaining("--dev")]);
  });

  it("counts children ticked before", () => {
    const before = md.replace(
      "- [ ] `/chatops run feature set <feature-flag-name> true --dev`",
      "- [x] `/chatops run feature set <feature-flag-name> true --dev`",
    );
    expect(ticked(before, [on("staging"), on("dev")])).toHaveLength(2);
  });

  it("never ticks a parent whose child only a person can do", () => {
    const withHuman = `${md}\n    - [ ] Verify that the feature works as expected.`;
    expect(ticked(withHuman, [on("dev"), on("staging")])).toHaveLength(2);
  });

  it("is not held back by a conditional child or an alternative for another actor type", () => {
    const withConditional = [
      md,
      "    - If end-to-end tests fail:",
      "      - [ ] Disable the flag on staging.",
      "    - [ ] `/chatops run feature set --group=g <feature-flag-name> true --staging`",
    ].join("\n");
    expect(ticked(withConditional, [on("dev"), on("staging")])).toHaveLength(3);
  });
});

describe("itemsToTick: sections tell repeated items apart", () => {
  const md = [
    "### (Optional) Release the feature with the feature flag",
    "",
    "- [ ] Close the feature issue.",
    "- [ ] `/chatops run release check <merge-request-url> <milestone>`",
    "",
    "### Release the feature",
    "",
    "- [ ] Close the feature issue.",
    "- [ ] `/chatops run release check <merge-request-url> <milestone>`",
    "",
    "## Rollback Steps",
    "",
    "- [ ] Disable on production:",
    "",
    "```",
    "/chatops run feature set <feature-flag-name> false",
    "```",
  ].join("\n");
  const lines = (items: ReturnType<typeof itemsToTick>) => items.map((item) => item.line);

  it("cleanup facts tick the cleanup section's items only", () => {
    const facts: Fact[] = [
      { kind: "verified", intent: "cleanup-mr" },
      { kind: "verified", intent: "feature-issue-closed" },
      { kind: "verified", intent: "release-included" },
    ];
    expect(lines(itemsToTick(md, facts, ctx))).toEqual([8, 9]);
  });

  it("release facts tick the optional release section's items only", () => {
    const facts: Fact[] = [
      { kind: "verified", intent: "default-enabled-mr" },
      { kind: "verified", intent: "release-included" },
    ];
    expect(lines(itemsToTick(md, facts, ctx))).toEqual([4]);
  });

  it("a rollback ticks the rollback step, through the command in the code block after it", () => {
    const facts: Fact[] = [
      { kind: "flag-boolean", flag: "my_flag", instance: "production", value: false },
    ];
    expect(lines(itemsToTick(md, facts, ctx))).toEqual([13]);
  });
});

describe("itemsToTick: plain words and markers", () => {
  it("reads plain items such as 'Enable on staging'", () => {
    const md =
      "## Non-production\n\n- [ ] Enable on dev\n- [ ] Enable on staging\n- [ ] Enable for everyone\n";
    expect(ticked(md, [on("dev")])).toEqual(["Enable on dev"]);
    expect(ticked(md, [on("production")])).toEqual(["Enable for everyone"]);
  });

  it("matches a marked item by its marker whatever its wording", () => {
    const md =
      "- [ ] Whatever words <!-- ff-rollout:enable-global -->\n- [ ] Enable on dev <!-- ff-rollout:human -->\n";
    expect(ticked(md, [on("production"), on("dev")])).toEqual(["Whatever words"]);
  });

  it("never ticks [~] items", () => {
    expect(
      ticked("- [~] Set a milestone\n", [{ kind: "verified", intent: "milestone-set" }]),
    ).toEqual([]);
  });
});
