import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// The version the build bakes into the CLI (scripts/build.mjs), for the tests that run src/.
const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

export default defineConfig({
  define: { __FF_ROLLOUT_VERSION__: JSON.stringify(version) },
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests start sandboxes on ephemeral loopback ports; two cores are all we have.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ["default", "./test/reporters/summary-line.ts"],
  },
});
