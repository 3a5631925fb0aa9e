import { describe, expect, it } from "vitest";
import {
  disableActor,
  disableAll,
  emptyGates,
  enableActor,
  enableAll,
  enableGroup,
  flipperState,
  gateEntries,
  PercentageRangeError,
  setPercentageOfActors,
  setPercentageOfTime,
} from "../../../src/sandbox/flipper.js";

describe("flipper gates", () => {
  it("state: on for boolean or 100% of time, conditional for any partial gate, else off", () => {
    expect(flipperState(emptyGates())).toBe("off");
    expect(flipperState(enableAll())).toBe("on");
    expect(flipperState(setPercentageOfTime(emptyGates(), 100))).toBe("on");
    expect(flipperState(setPercentageOfActors(emptyGates(), 100))).toBe("conditional");
    expect(flipperState(setPercentageOfTime(emptyGates(), 0.5))).toBe("conditional");
    expect(flipperState(enableActor(emptyGates(), "Project:1"))).toBe("conditional");
    expect(flipperState(enableGroup(emptyGates(), "gitlab_team_members"))).toBe("conditional");
  });

  it("the boolean gate clears every other gate, both ways", () => {
    const partial = setPercentageOfActors(enableActor(emptyGates(), "User:1"), 25);
    expect(enableAll()).toEqual({ ...emptyGates(), boolean: true });
    expect(disableAll()).toEqual(emptyGates());
    expect(partial.actors).toEqual(["User:1"]);
  });

  it("actors are a set in insertion order", () => {
    let gates = enableActor(emptyGates(), "Project:1");
    gates = enableActor(gates, "Group:2");
    gates = enableActor(gates, "Project:1");
    expect(gates.actors).toEqual(["Project:1", "Group:2"]);
    expect(disableActor(gates, "Project:1").actors).toEqual(["Group:2"]);
  });

  it("percentages stay within 0..100", () => {
    expect(() => setPercentageOfTime(emptyGates(), 100.5)).toThrow(PercentageRangeError);
    expect(() => setPercentageOfActors(emptyGates(), -1)).toThrow(PercentageRangeError);
  });

  it("entries: boolean always, the rest only when set, in flipper's order", () => {
    expect(gateEntries(emptyGates())).toEqual([{ key: "boolean", value: false }]);
    const gates = enableGroup(
      setPercentageOfTime(setPercentageOfActors(enableActor(emptyGates(), "User:1"), 5), 0.5),
      "g",
    );
    expect(gateEntries(gates).map((e) => e.key)).toEqual([
      "boolean",
      "actors",
      "percentage_of_actors",
      "percentage_of_time",
      "groups",
    ]);
  });
});
