// Builds what ships: dist/cli.js and its chunks, bundled by rolldown with every dependency
// inside, so a run loads a handful of files instead of ~250 ES modules (loading them
// was half of `status`'s wall time). main.ts imports each command on demand, so every command is
// its own chunk and `--version` loads only the entry and main; code that several commands share
// goes into shared chunks, which keeps one copy of each class (errors are matched by instanceof).
//
// Also builds build/bench-kit.js, the internals the benchmarks drive in-process (main, the
// sandbox, the demo's world, the checklist), from the same sources with the same options.
//
// The version is baked in from package.json (__FF_ROLLOUT_VERSION__, see src/version.ts): the
// CLI never reads package.json at run time.

import { chmodSync, readFileSync, rmSync } from "node:fs";
import { build } from "rolldown";

const root = new URL("..", import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));

/** The options both bundles share. */
function options(input, dir) {
  return {
    cwd: root,
    input,
    platform: "node",
    transform: { define: { __FF_ROLLOUT_VERSION__: JSON.stringify(version) } },
    logLevel: "warn",
    output: {
      dir,
      format: "esm",
      sourcemap: true,
      entryFileNames: "[name].js",
      chunkFileNames: "chunks/[name]-[hash].js",
    },
  };
}

const started = Date.now();
rmSync(`${root}dist`, { recursive: true, force: true });
rmSync(`${root}build`, { recursive: true, force: true });
await build(options({ cli: "src/cli.ts" }, `${root}dist`));
chmodSync(`${root}dist/cli.js`, 0o755);
// The release image builds the CLI only (--cli-only): the kit is for benchmarks in a checkout.
if (!process.argv.includes("--cli-only")) {
  await build(options({ "bench-kit": "bench/kit.ts" }, `${root}build`));
}
if (!process.argv.includes("--quiet")) {
  console.log(
    `built dist/ (and build/bench-kit.js unless --cli-only), version ${version}, in ${Date.now() - started} ms`,
  );
}
