import { describe, expect, it } from "vitest";
import { compilePattern, Router } from "../../../src/sandbox/router.js";

describe("router", () => {
  it("decodes :params from one raw segment each", () => {
    const match = compilePattern("/projects/:id/issues/:issue_iid/notes");
    expect(match("/projects/gitlab-org%2Fgitlab/issues/42/notes")).toEqual({
      id: "gitlab-org/gitlab",
      issue_iid: "42",
    });
    expect(match("/projects/gitlab-org/gitlab/issues/42/notes")).toBeUndefined();
    expect(match("/projects//issues/42/notes")).toBeUndefined();
    expect(match("/projects/%E0%A4%A/issues/42/notes")).toBeUndefined();
  });

  it("matches by method, first registered wins, HEAD as GET", () => {
    const router = new Router([
      { method: "GET", pattern: "/features/definitions", name: "definitions" },
      { method: "POST", pattern: "/features/:name", name: "set" },
      { method: "GET", pattern: "/features", name: "list" },
    ]);
    expect(router.match("GET", "/features/definitions")?.route.name).toBe("definitions");
    expect(router.match("POST", "/features/definitions")?.params).toEqual({ name: "definitions" });
    expect(router.match("HEAD", "/features")?.route.name).toBe("list");
    expect(router.match("DELETE", "/features")).toBeUndefined();
  });
});
