// What the release image ships of dist/: the CLI without the sandbox and the demo, which are for
// a clone (npm run demo, ff-rollout sandbox) and would only add code to an image that holds
// production tokens. Run on the build's dist/ in the Dockerfile's build stage.
//
// The bundle (scripts/build.mjs) puts every command in its own chunk; each chunk's source map
// says which modules it holds. Chunks made only of local-only modules are removed; the command
// chunks among them (main imports them on demand) are replaced by a stub that says where the
// command is, so `ff-rollout demo` in the image explains itself instead of failing on a missing
// file. Then it checks that no chunk left holds a local-only module or imports a removed chunk.
//
//   tsx scripts/image-dist.ts <dist folder>

import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { echo } from "zx";
import { runScript, ScriptError } from "./lib/main.js";
import { isMain } from "./lib/repo.js";

/** The modules the image leaves out: the sandbox, the demo, and the command that starts the sandbox. */
export const LOCAL_ONLY = [
  /(^|\/)src\/sandbox\//,
  /(^|\/)src\/demo\//,
  /(^|\/)src\/commands\/cli-sandbox\.ts$/,
];

const isLocalOnly = (source: string) => LOCAL_ONLY.some((pattern) => pattern.test(source));

function sourcesOf(chunk: string): string[] {
  const map = JSON.parse(readFileSync(`${chunk}.map`, "utf8")) as { sources: string[] };
  return map.sources;
}

/** A module that exports each of `names` as a command that says it is not in the image. */
export function stub(names: string[]): string {
  const message =
    "ERROR: this command is not in the ff-rollout container image, which holds only what CI jobs run. Run it from a clone (see the README's quick start).\\n";
  const lines = [
    "// Replaced in the container image: the sandbox and the demo are for a clone.",
    ...names.map(
      (name) =>
        `export async function ${name}(cmd) { cmd.io.sink.stderr("${message}"); return 2; }`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

function exportedNames(code: string): string[] {
  const match = /export\s*\{([^}]*)\};?\s*(\/\/#.*)?\s*$/.exec(code);
  return (match?.[1] ?? "")
    .split(",")
    .map(
      (part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .at(-1) ?? "",
    )
    .filter(Boolean);
}

/** Removes the local-only chunks of `dist`; returns what it removed and what it stubbed. */
export function pruneDist(dist: string): { removed: string[]; stubbed: string[] } {
  const chunksDir = join(dist, "chunks");
  const chunks = readdirSync(chunksDir).filter((file) => file.endsWith(".js"));
  const entry = readFileSync(join(dist, "cli.js"), "utf8");
  const removed: string[] = [];
  const stubbed: string[] = [];
  for (const file of chunks) {
    const path = join(chunksDir, file);
    let sources: string[];
    try {
      sources = sourcesOf(path);
    } catch {
      continue; // no map: the bundler's runtime helpers, not our modules
    }
    const own = sources.filter((source) => source.includes("src/"));
    if (own.length === 0 || !own.every(isLocalOnly)) continue;
    rmSync(`${path}.map`);
    if (entry.includes(`import("./chunks/${file}")`)) {
      writeFileSync(path, stub(exportedNames(readFileSync(path, "utf8"))));
      stubbed.push(file);
    } else {
      rmSync(path);
      removed.push(file);
    }
  }
  const problems = checkPruned(dist, removed);
  if (problems.length > 0) throw new ScriptError(problems.join("\n"));
  return { removed, stubbed };
}

/** What is wrong with a pruned dist: a local-only module left, or an import of a removed chunk. */
export function checkPruned(dist: string, removed: string[]): string[] {
  const problems: string[] = [];
  const files = ["cli.js", ...readdirSync(join(dist, "chunks")).map((f) => join("chunks", f))];
  for (const file of files.filter((f) => f.endsWith(".js"))) {
    const path = join(dist, file);
    const code = readFileSync(path, "utf8");
    for (const gone of removed) {
      if (code.includes(gone)) problems.push(`${file} imports ${gone}, which the image leaves out`);
    }
    let sources: string[] = [];
    try {
      sources = sourcesOf(path);
    } catch {}
    for (const source of sources.filter(isLocalOnly)) {
      problems.push(`${file} still holds ${source} (shared with a command the image keeps?)`);
    }
  }
  return problems;
}

if (isMain(import.meta.url)) {
  await runScript("image dist", "tsx scripts/image-dist.ts <dist folder>", 1, ([dist = ""]) => {
    const { removed, stubbed } = pruneDist(dist);
    echo(
      `image dist: removed ${removed.join(", ") || "nothing"}; stubbed ${stubbed.join(", ") || "nothing"}`,
    );
    return 0;
  });
}
