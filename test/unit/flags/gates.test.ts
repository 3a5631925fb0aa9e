import { describe, expect, it } from "vitest";
import { decodeFeature, describeState } from "../../../src/flags/gates.js";
import { transition } from "../../../src/flags/transitions.js";
import { absentFlag, type FlagState } from "../../../src/flags/types.js";

function state(
  gates: { key: string; value: unknown }[],
  s: "on" | "off" | "conditional" = "conditional",
): FlagState {
  return decodeFeature({ name: "f", state: s, gates });
}

describe("decodeFeature", () => {
  it("reads every gate GitLab reports, treating omitted gates as unset", () => {
    const decoded = state([
      { key: "boolean", value: false },
      { key: "actors", value: ["Project:2", "Project:1"] },
      { key: "percentage_of_actors", value: "12.5" },
      { key: "groups", value: ["gitlab_team_members"] },
    ]);
    expect(decoded).toEqual({
      name: "f",
      exists: true,
      state: "conditional",
      boolean: false,
      percentageOfActors: 12.5,
      percentageOfTime: 0,
      actors: ["Project:1", "Project:2"],
      featureGroups: ["gitlab_team_members"],
    });
    expect(describeState(decoded)).toBe(
      "12.5% of actors + on for Project:1, Project:2 + on for groups gitlab_team_members",
    );
  });

  it("describes the simple states", () => {
    expect(describeState(absentFlag("f"))).toBe("off (never set)");
    expect(describeState(state([{ key: "boolean", value: true }], "on"))).toBe("on");
    expect(describeState(state([{ key: "boolean", value: false }], "off"))).toBe("off");
  });
});

describe("transition", () => {
  const off = state([{ key: "boolean", value: false }], "off");
  const on = state([{ key: "boolean", value: true }], "on");
  const ten = state([
    { key: "boolean", value: false },
    { key: "percentage_of_actors", value: 10 },
  ]);

  it("writes nothing when the flag is already at target", () => {
    expect(transition(on, { kind: "on" }).changes).toEqual([]);
    expect(transition(absentFlag("f"), { kind: "off" }).changes).toEqual([]);
    expect(transition(ten, { kind: "percentage", of: "actors", percentage: 10 }).changes).toEqual(
      [],
    );
    expect(transition(absentFlag("f"), { kind: "deleted" }).changes).toEqual([]);
  });

  it("writes one change otherwise", () => {
    expect(transition(off, { kind: "on" }).changes).toEqual([{ kind: "enable" }]);
    expect(transition(ten, { kind: "off" }).changes).toEqual([{ kind: "disable" }]);
    expect(transition(ten, { kind: "percentage", of: "actors", percentage: 25 }).changes).toEqual([
      { kind: "percentage", of: "actors", percentage: 25 },
    ]);
    expect(transition(off, { kind: "deleted" }).changes).toEqual([{ kind: "delete" }]);
  });

  it("refuses a percentage on a fully enabled flag, and plans both steps for --force", () => {
    const t = transition(on, { kind: "percentage", of: "actors", percentage: 25 });
    expect(t.refusal).toContain("GitLab cannot set a percentage on a fully-enabled flag");
    expect(t.changes).toEqual([
      { kind: "disable" },
      { kind: "percentage", of: "actors", percentage: 25 },
    ]);
  });
});
