// Code search: chunks of matches with context, FoundBlob's basename, query filters.

import { describe, expect, it } from "vitest";
import { parseBlobQuery, searchBlobs, withoutExtension } from "../../../src/sandbox/blob-search.js";

const lines = (n: number, hit: number[]) =>
  `${Array.from({ length: n }, (_, i) => (hit.includes(i + 1) ? `line ${i + 1} FLAG` : `line ${i + 1}`)).join("\n")}\n`;

describe("searchBlobs", () => {
  it("gives one chunk per group of matches, two lines of context each side", () => {
    const files = new Map([["lib/a.rb", lines(20, [3, 6, 15])]]);
    const matches = searchBlobs(files, "flag");
    expect(matches.map((m) => [m.startline, m.data.split("\n").length - 1])).toEqual([
      [1, 8],
      [13, 5],
    ]);
    expect(matches[0]).toMatchObject({ path: "lib/a.rb", basename: "lib/a" });
    expect(matches[1]?.data).toBe("line 13\nline 14\nline 15 FLAG\nline 16\nline 17\n");
  });

  it("orders by path, skips binary files, applies filters", () => {
    const files = new Map([
      ["z.md", "flag\n"],
      ["a.rb", "flag\n"],
      ["bin", "flag\0"],
    ]);
    expect(searchBlobs(files, "flag").map((m) => m.path)).toEqual(["a.rb", "z.md"]);
    expect(searchBlobs(files, "flag extension:md").map((m) => m.path)).toEqual(["z.md"]);
    expect(searchBlobs(files, "filename:a.*").map((m) => [m.path, m.startline])).toEqual([
      ["a.rb", 1],
    ]);
  });

  it("parses queries and strips one extension", () => {
    expect(parseBlobQuery("foo bar path:lib/*")).toEqual({ text: "foo bar", path: "lib/*" });
    expect(withoutExtension("config/x.yml")).toBe("config/x");
    expect(withoutExtension("Makefile")).toBe("Makefile");
    expect(withoutExtension("dir.d/.hidden")).toBe("dir.d/.hidden");
  });
});
