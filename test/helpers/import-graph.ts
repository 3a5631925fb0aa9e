// The graph of relative imports between a folder's TypeScript modules (static, `export ... from`,
// type-only and dynamic `import()` alike: each one makes a module load or type-check against
// another), and its cycles. TypeScript's own pre-processor finds the imports, so a string that
// merely looks like an import is not one.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export type ImportGraph = Map<string, string[]>;

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Modules named relative to `root`; imports leaving `root` are left out. */
export function importGraph(root: string): ImportGraph {
  const base = resolve(root);
  const graph: ImportGraph = new Map();
  for (const file of modulesUnder(base)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => relative(base, resolve(dirname(file), name)).replace(/\.js$/, ".ts"))
      .filter((name) => !name.startsWith(".."));
    graph.set(relative(base, file), [...new Set(targets)]);
  }
  return graph;
}

/** Every set of modules that import each other, directly or around a loop (Tarjan's strongly
 * connected components of more than one module, or one importing itself); each sorted. */
export function importCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (module: string): void => {
    index.set(module, counter);
    low.set(module, counter);
    counter += 1;
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(module, Math.min(low.get(module) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(module, Math.min(low.get(module) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    const selfImport = graph.get(module)?.includes(module) ?? false;
    if (component.length > 1 || selfImport) cycles.push(component.sort());
  };
  for (const module of graph.keys()) if (!index.has(module)) visit(module);
  return cycles;
}
