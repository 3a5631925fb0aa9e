import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests start sandboxes on ephemeral loopback ports; two cores are all we have.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ["default", "./test/reporters/summary-line.ts"],
  },
});
