// Prints one plain closing line, "N passed, N failed" (", N skipped" when any), after vitest's
// own summary: a line any CI can read without knowing vitest's format.
//
// A skipped or todo test fails the run (exit code 1), naming each one: a suite that passes while
// some of its tests did not run says more than it knows. The exception is a run filtered by
// name (`vitest -t`), where skipping the others is what was asked for.

import { relative } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

export default class SummaryLine implements Reporter {
  private filteredByName = false;

  onInit(vitest: Vitest): void {
    this.filteredByName = Boolean(vitest.config.testNamePattern);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped.push(`${relative(process.cwd(), module.moduleId)}: ${test.fullName}`);
      }
      // A file that failed to load has no tests but is a failure.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
    }
    if (skipped.length > 0 && !this.filteredByName) {
      process.stdout.write(
        `\nThese tests did not run, which fails the run (a test that cannot run is a failure):\n${skipped.map((name) => `  ${name}`).join("\n")}\n`,
      );
      process.exitCode = 1;
    }
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped.length > 0 ? `, ${skipped.length} skipped` : ""}\n`,
    );
  }
}
