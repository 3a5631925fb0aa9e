// Pieces of the readiness page reader that do not need a GitLab: times cut to GitLab's GraphQL
// precision, and global ids.

import { describe, expect, it } from "vitest";
import { idFromGid } from "../../../src/gitlab/graphql.js";
import { wholeSeconds } from "../../../src/readiness/pages.js";

describe("wholeSeconds", () => {
  it("cuts REST's milliseconds the way GraphQL's Time gives them, and keeps GraphQL's as they are", () => {
    expect(wholeSeconds("2026-11-26T09:30:00.999Z")).toBe("2026-11-26T09:30:00Z");
    expect(wholeSeconds("2026-11-26T09:30:00Z")).toBe("2026-11-26T09:30:00Z");
    expect(wholeSeconds("2026-11-26T10:30:00+01:00")).toBe("2026-11-26T09:30:00Z");
  });
});

describe("idFromGid", () => {
  it("reads the number of any model's global id, and refuses anything else", () => {
    expect(idFromGid("gid://gitlab/Note/123")).toBe(123);
    expect(idFromGid("gid://gitlab/DiscussionNote/7")).toBe(7);
    expect(() => idFromGid("123")).toThrow("not a GitLab global id");
  });
});
