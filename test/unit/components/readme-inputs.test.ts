// The README's inputs tables are the components' `spec:inputs`, cell for cell: names, types,
// defaults, allowed values (options or regex) and descriptions, in the template's order. On a
// difference the failure prints the table to paste after the README's <!-- inputs:<component> -->
// marker (then `npm run format` aligns its columns; cells are compared trimmed).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  COMPONENTS,
  type ComponentName,
  type InputSpec,
  templateInputs,
} from "../../helpers/component-templates.js";

const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const HEADER = ["Input", "Type", "Default", "Allowed values", "Description"];

/** A value as YAML would show it in an include: "" for the empty string, lists inline. */
function literal(value: unknown): string {
  if (value === "") return '""';
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return String(value);
}

const code = (text: string) => `\`${text.replaceAll("|", "\\|")}\``;

function expectedRow(name: string, input: InputSpec): string[] {
  const allowed = input.options
    ? input.options.map((option) => code(literal(option))).join(", ")
    : input.regex
      ? code(input.regex)
      : input.type === "boolean"
        ? "`true`, `false`"
        : "a list";
  return [
    code(name),
    input.type ?? "string",
    "default" in input ? code(literal(input.default)) : "required",
    allowed,
    input.description ?? "",
  ];
}

function expectedTable(component: ComponentName): string {
  const rows = Object.entries(templateInputs(component)).map(([n, i]) => expectedRow(n, i));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(HEADER), line(HEADER.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The components section: between the markers, after the quick start. */
function componentsSection(): string {
  const start = README.indexOf("<!-- components:start -->");
  const end = README.indexOf("<!-- components:end -->");
  expect(start, "README: <!-- components:start --> is missing").toBeGreaterThan(-1);
  expect(end, "README: <!-- components:end --> must follow the start marker").toBeGreaterThan(
    start,
  );
  expect(README.indexOf("## Quick start")).toBeLessThan(start);
  return README.slice(start, end);
}

/** The table right after <!-- inputs:<component> -->, as rows of cells (code spans unescaped). */
function readmeTable(component: ComponentName): string[][] {
  const section = componentsSection();
  const marker = `<!-- inputs:${component} -->`;
  const at = section.indexOf(marker);
  expect(at, `README: ${marker} is missing from the components section`).toBeGreaterThan(-1);
  const lines = section
    .slice(at + marker.length)
    .trimStart()
    .split("\n");
  const table = lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith("|")),
  );
  return table
    .filter((_, i) => i !== 1) // the |---| separator
    .map((row) =>
      row
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

describe.each(COMPONENTS)("the README's %s inputs table", (component) => {
  it("is the template's spec:inputs, row for row", () => {
    const expected = expectedTable(component)
      .split("\n")
      .filter((_, i) => i !== 1)
      .map((row) =>
        row
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
    expect(
      readmeTable(component),
      `README table differs from templates/${component}/template.yml; expected:\n\n${expectedTable(component)}\n`,
    ).toEqual(expected);
  });
});
