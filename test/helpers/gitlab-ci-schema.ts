// GitLab's CI/CD configuration JSON schema (the one GitLab's pipeline editor validates with), as
// gitlab-ci-local 4.73.0 bundles it: a copy of GitLab's app/assets/javascripts/editor/schema/ci.json,
// inlined into its dist/index.js as an object literal. It is read from there, so the tests check
// against the very schema the end-to-end runs use, with no copy of it in this repository.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import { Ajv, type ValidateFunction } from "ajv";

const START =
  '{$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml"';

/** The end of the object literal starting at `from`: braces counted outside strings. */
function literalEnd(code: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  throw new Error("GitLab's CI schema in gitlab-ci-local has no end");
}

let validate: ValidateFunction | undefined;

export function gitlabCiSchema(): Record<string, unknown> {
  const entry = createRequire(import.meta.url).resolve("gitlab-ci-local/dist/index.js");
  const code = readFileSync(entry, "utf8");
  const start = code.indexOf(START);
  if (start < 0)
    throw new Error(`GitLab's CI schema not found in ${entry}: did gitlab-ci-local change?`);
  return runInNewContext(`(${code.slice(start, literalEnd(code, start))})`) as Record<
    string,
    unknown
  >;
}

/** Validates a parsed .gitlab-ci.yml; returns the problems, empty when it is valid. */
export function ciSchemaProblems(config: unknown): string[] {
  // Formats (uri, date-time) are not checked: ajv-formats is not a dependency.
  validate ??= new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
    gitlabCiSchema(),
  );
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message}`);
}
