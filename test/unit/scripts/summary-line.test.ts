// The reporter every `npm test` uses: a skipped or todo test fails the run and is named, unless
// the run was filtered by name.

import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function vitest(testFile: string, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "summary-line-"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "some.test.ts"), testFile);
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules/vitest/vitest.mjs"),
      "run",
      "--root",
      dir,
      "--reporter",
      join(ROOT, "test/reporters/summary-line.ts"),
      ...args,
    ],
    { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "" } },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

const FILE = `import { it } from "vitest";
it("runs", () => {});
it.skip("is skipped", () => {});
it.todo("is to do");
`;

it("fails a run where tests were skipped or left to do, naming them", () => {
  const { code, output } = vitest(FILE);
  expect(code, output).toBe(1);
  expect(output).toContain("some.test.ts: is skipped");
  expect(output).toContain("some.test.ts: is to do");
  expect(output).toMatch(/^1 passed, 0 failed, 2 skipped$/m);
});

it("passes a run filtered by name, and one where everything ran", () => {
  expect(vitest(FILE, "-t", "runs").code).toBe(0);
  const { code, output } = vitest('import { it } from "vitest";\nit("runs", () => {});\n');
  expect(code, output).toBe(0);
  expect(output).toMatch(/^1 passed, 0 failed$/m);
});
