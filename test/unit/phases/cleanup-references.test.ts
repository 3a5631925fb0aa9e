// What the cleanup MR deletes and lists, from the code search's chunks.

import { describe, expect, it } from "vitest";
import type { CleanupFacts } from "../../../src/engine/release-facts.js";
import type { FlagDefinition } from "../../../src/engine/release-port.js";
import {
  camelCase,
  codeReferences,
  definitionDeletes,
  referencesChecklist,
} from "../../../src/phases/cleanup-references.js";

const FLAG = "new_graph";
const PATH = `config/feature_flags/beta/${FLAG}.yml`;
const definition = { path: PATH, lastCommitId: "a".repeat(40) } as FlagDefinition;

function facts(partial: Partial<CleanupFacts>): CleanupFacts {
  return { extraFiles: [], references: [], ...partial } as CleanupFacts;
}

describe("cleanup references", () => {
  it("names the flag as the frontend does", () => {
    expect(camelCase("new_pipeline_graph")).toBe("newPipelineGraph");
    expect(camelCase("ci_v2_jobs")).toBe("ciV2Jobs");
  });

  it("deletes the definition, its .patch and a twin the search found", () => {
    const f = facts({
      extraFiles: [
        { path: PATH.replace(".yml", ".patch"), content: "", lastCommitId: "b".repeat(40) },
      ],
      references: [
        {
          term: FLAG,
          matches: [
            {
              path: `ee/config/feature_flags/beta/${FLAG}.yml`,
              startline: 1,
              data: `name: ${FLAG}\n`,
            },
            {
              path: `config/feature_flags/beta/${FLAG}_v2.yml`,
              startline: 1,
              data: `name: ${FLAG}_v2\n`,
            },
          ],
        },
      ],
    });
    expect(definitionDeletes(definition, f, FLAG)).toEqual([
      { action: "delete", path: PATH, lastCommitId: "a".repeat(40) },
      { action: "delete", path: PATH.replace(".yml", ".patch"), lastCommitId: "b".repeat(40) },
      { action: "delete", path: `ee/config/feature_flags/beta/${FLAG}.yml` },
    ]);
  });

  it("finds the lines in each chunk, merges terms, skips deleted files", () => {
    const f = facts({
      references: [
        {
          term: FLAG,
          matches: [
            { path: "app/a.rb", startline: 8, data: "x\ny\nFeature.enabled?(:new_graph)\nz\n" },
            { path: "app/a.rb", startline: 40, data: "NEW_GRAPH = true\n" },
            { path: PATH, startline: 1, data: `name: ${FLAG}\n` },
          ],
        },
        {
          term: "newGraph",
          matches: [{ path: "app/b.js", startline: 1, data: "if (gon.features.newGraph) {}\n" }],
        },
      ],
    });
    const refs = codeReferences(f, [PATH]);
    expect(refs).toEqual([
      { path: "app/a.rb", lines: [10, 40] },
      { path: "app/b.js", lines: [1] },
    ]);
    expect(referencesChecklist(refs, (p) => `https://x/-/blob/main/${p}`)).toEqual([
      "- [ ] [`app/a.rb`](https://x/-/blob/main/app/a.rb#L10) lines 10, 40",
      "- [ ] [`app/b.js`](https://x/-/blob/main/app/b.js#L1) line 1",
    ]);
  });

  it("says so when nothing else mentions the flag, and caps a long list", () => {
    expect(referencesChecklist([], (p) => p)[0]).toMatch(/^The code search found no other file/);
    const many = Array.from({ length: 205 }, (_, i) => ({ path: `f${i}.rb`, lines: [1] }));
    const list = referencesChecklist(many, (p) => p);
    expect(list).toHaveLength(201);
    expect(list.at(-1)).toBe("- [ ] ... and 5 more files: search the code for the flag");
  });
});
