// What the checklist benchmarks tick: the facts a non-production run verified, for one flag.

export const context = {
  flag: "wiki_live_preview",
  actorType: "group",
  actors: ["gitlab-org"],
  percentages: [1, 10, 25, 50, 75],
};

export const facts = [
  { kind: "verified", intent: "mr-merged" },
  { kind: "verified", intent: "deployed-non-production" },
  ...["dev", "pre", "staging", "staging-ref"].map((instance) => ({
    kind: "flag-boolean",
    flag: context.flag,
    instance,
    value: true,
  })),
];
