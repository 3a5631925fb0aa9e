// Every layer stands on the ones below it: no module imports, through any chain, a module that
// imports it back. A cycle makes load order matter and hides which layer owns a type; the fix is
// to move what both sides share into its own module.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph } from "../../helpers/import-graph.js";

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "import-graph-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("import graph", () => {
  it("finds a cycle through type-only, re-export and dynamic imports", () => {
    const root = project({
      "main.ts": 'export type { X } from "./a/context.js";\nawait import("./a/command.js");\n',
      "a/context.ts": "export interface X { n: number }\n",
      "a/command.ts": 'import type { X } from "../main.js";\nexport const x: X = { n: 1 };\n',
      "leaf.ts": 'import "./a/context.js";\n',
    });
    expect(importCycles(importGraph(root))).toEqual([["a/command.ts", "main.ts"]]);
  });

  it("ignores import-like text in strings and comments, and packages", () => {
    const root = project({
      "a.ts": 'import { z } from "zod";\n// import "./b.js"\nconst s = \'import("./b.js")\';\n',
      "b.ts": 'import "./a.js";\n',
    });
    expect(importCycles(importGraph(root))).toEqual([]);
  });

  it("has no cycle in src/ or scripts/", () => {
    for (const dir of ["src", "scripts"]) {
      expect({ dir, cycles: importCycles(importGraph(dir)) }).toEqual({ dir, cycles: [] });
    }
  });
});
