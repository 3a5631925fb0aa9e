// A milestone's release refs from the configured patterns (GitLab's by default).

import { describe, expect, it } from "vitest";
import { parseMilestone, releaseRefs } from "../../../src/engine/release-refs.js";

const GITLAB = { tag: "v{major}.{minor}.{patch}-ee", stableBranch: "{major}-{minor}-stable-ee" };

describe("releaseRefs", () => {
  it("matches GitLab's tags and stable branch of a milestone, and nothing of another", () => {
    const refs = releaseRefs("19.6", GITLAB)!;
    expect(refs.shown).toEqual({ tag: "v19.6.*-ee", stableBranch: "19-6-stable-ee" });
    for (const tag of ["v19.6.0-ee", "v19.6.12-ee"]) expect(refs.tag.test(tag)).toBe(true);
    for (const tag of ["v19.6.0", "v19.6.0-rc42-ee", "v19.60.0-ee", "v9.6.0-ee", "xv19.6.0-ee"]) {
      expect(refs.tag.test(tag), tag).toBe(false);
    }
    expect(refs.stableBranch.test("19-6-stable-ee")).toBe(true);
    expect(refs.stableBranch.test("19-6-stable")).toBe(false);
    expect(refs.stableBranch.test("19-16-stable-ee")).toBe(false);
  });

  it("takes other patterns, with their punctuation literal", () => {
    const refs = releaseRefs("2.10", {
      tag: "release-{major}.{minor}.{patch}",
      stableBranch: "{major}.{minor}.x",
    })!;
    expect(refs.tag.test("release-2.10.3")).toBe(true);
    expect(refs.stableBranch.test("2.10.x")).toBe(true);
    expect(refs.stableBranch.test("2510x")).toBe(false);
  });

  it("needs a version as the milestone", () => {
    expect(parseMilestone("19.6")).toEqual({ major: "19", minor: "6" });
    expect(parseMilestone("v19.6")).toEqual({ major: "19", minor: "6" });
    for (const bad of ["Backlog", "19", "19.6.1", ""]) expect(parseMilestone(bad)).toBeUndefined();
    expect(releaseRefs("Next", GITLAB)).toBeUndefined();
  });
});
