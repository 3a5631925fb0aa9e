import { readFileSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";

// The version the build bakes into the CLI (scripts/build.mjs), for the tests that run src/.
const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

// Files that run each in a vitest run of its own (npm test runs them after the rest, naming each
// in FF_TEST_ALONE): their CLI health gate has found "no data" in a full run although Prometheus
// answered the same query a moment before, and never when run alone. The cause is not found yet.
const ALONE = [
  "test/integration/phases/production-gates.test.ts",
  "test/integration/health/watch.test.ts",
];
const alone = process.env.FF_TEST_ALONE;

export default defineConfig({
  define: { __FF_ROLLOUT_VERSION__: JSON.stringify(version) },
  test: {
    include: alone ? [alone] : ["test/**/*.test.ts"],
    exclude: alone ? configDefaults.exclude : [...configDefaults.exclude, ...ALONE],
    // Integration tests start sandboxes on ephemeral loopback ports; two cores are all we have.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ["default", "./test/reporters/summary-line.ts"],
  },
});
