// Comments point only at what a reader of this repository can open: no planning documents kept
// outside it, no tracker issue numbers ("(issue 13)") of a tracker they cannot see.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const PLACES = [
  "src",
  "test",
  "bench",
  "scripts",
  "templates",
  ".gitlab",
  ".ci",
  ".gitlab-ci.yml",
  "Dockerfile",
];
const OUTSIDE = /DESIGN\.md|gitlab-facts|\.\.\/shared\/|\/work\/shared|\(issue \d+/;

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .map((entry) => join(path, String(entry)))
    .filter((file) => statSync(file).isFile() && !file.includes(`${join("test", "fixtures")}`));
}

it("has no reference to documents or issues outside the repository", () => {
  const found = PLACES.flatMap((place) => files(join(ROOT, place)))
    .filter((file) => !file.endsWith("outside-references.test.ts"))
    .flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          OUTSIDE.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
  expect(found, "say what the reference said, in the comment itself").toEqual([]);
});
