// The Quick start lists the system tools the tests need, as scripts/system-tools.ts does (the
// list npm test checks and installs): one list, and the README says what it holds.

import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { SYSTEM_TOOLS } from "../../../scripts/system-tools.js";
import { README } from "../../helpers/readme-blocks.js";

const MARKER = "<!-- system-tools -->";

function toolsTable(): string {
  const rows = SYSTEM_TOOLS.map(
    (tool) => `| ${tool.command} | \`${tool.debianPackage}\` | ${tool.why} |`,
  );
  return [
    "| tool | Debian package | the tests use it because |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}

const cells = (table: string) =>
  table
    .split("\n")
    .filter((line, i) => line.startsWith("|") && i !== 1)
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );

it("the Quick start's table of system tools is scripts/system-tools.ts's list", () => {
  const text = readFileSync(README, "utf8");
  const at = text.indexOf(MARKER);
  expect(at, `README: ${MARKER} before the system tools table`).toBeGreaterThan(-1);
  const lines = text
    .slice(at + MARKER.length)
    .trimStart()
    .split("\n");
  const table = lines
    .slice(
      0,
      lines.findIndex((line) => !line.startsWith("|")),
    )
    .join("\n");
  expect(cells(table), `README's system tools table; expected:\n\n${toolsTable()}\n`).toEqual(
    cells(toolsTable()),
  );
});
