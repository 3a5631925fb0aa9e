// Every YAML block of the README is parsed and checked against what reads it: pipeline files
// against GitLab's CI schema and, for includes of our components, against the components' own
// spec:inputs; config files with our config loader. A block names its file on its first line.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../../src/config/load.js";
import { templateInputs } from "../../helpers/component-templates.js";
import { tempDir } from "../../helpers/config-files.js";
import { ciSchemaProblems } from "../../helpers/gitlab-ci-schema.js";
import { type CodeBlock, yamlBlocks } from "../../helpers/readme-blocks.js";

const PIPELINE = ".gitlab-ci.yml";
const CONFIG = ".gitlab/ff-rollout.yml";
const blocks = yamlBlocks();
const where = (block: CodeBlock) => `README.md:${block.line} (${block.file})`;

interface Include {
  component?: string;
  local?: string;
  inputs?: Record<string, unknown>;
}
type Component = "rollout" | "readiness";

/** Our components' includes in a pipeline block, with the component's name. */
function ourIncludes(pipeline: { include?: Include[] }): { name: Component; include: Include }[] {
  const pattern =
    /(?:ff-rollout\/ff-rollout\/|templates\/)(rollout|readiness)(?:@|\/template\.yml)/;
  return (pipeline.include ?? []).flatMap((include) => {
    const match = pattern.exec(include.component ?? include.local ?? "");
    return match ? [{ name: match[1] as Component, include }] : [];
  });
}

/** What GitLab would say of these inputs against the component's spec:inputs. */
function inputProblems(name: Component, inputs: Record<string, unknown>): string[] {
  const spec = templateInputs(name);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    const input = spec[key];
    if (!input) {
      problems.push(`unknown input ${key}`);
      continue;
    }
    const type = input.type ?? "string";
    const actual = Array.isArray(value) ? "array" : typeof value;
    if (actual !== type) problems.push(`${key}: a ${actual} where the type is ${type}`);
    if (input.options && !input.options.includes(value as never)) {
      problems.push(`${key}: ${JSON.stringify(value)} is not an option`);
    }
    if (input.regex && typeof value === "string" && !new RegExp(input.regex).test(value)) {
      problems.push(`${key}: ${JSON.stringify(value)} does not match ${input.regex}`);
    }
  }
  for (const [key, input] of Object.entries(spec)) {
    if (input.default === undefined && !(key in inputs)) problems.push(`missing input ${key}`);
  }
  return problems;
}

/** Loads a config block as the CLI would, with a dummy value in every token variable it names. */
function loadBlock(block: CodeBlock, env: Record<string, string> = {}) {
  const dir = tempDir();
  const path = join(dir, "ff-rollout.yml");
  writeFileSync(path, block.text);
  const tokens = Object.fromEntries(
    [...block.text.matchAll(/token_env: (\w+)/g)].map((m) => [m[1], "glpat-dummy-0123456789"]),
  );
  return loadConfig({ path, env: { ...tokens, ...env }, cwd: dir, flagOptional: true }).config;
}

/** The FF_ROLLOUT_* variables a component job gets from these inputs. */
function inputVariables(inputs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => [
      `FF_ROLLOUT_${key.toUpperCase()}`,
      Array.isArray(value) ? JSON.stringify(value) : String(value),
    ]),
  );
}

describe("the README's YAML blocks", () => {
  it("each names its file on its first line: a pipeline or the config", () => {
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) {
      const fix = `${where(block)}: start it with "# ${PIPELINE}" or "# ${CONFIG}"`;
      expect([PIPELINE, CONFIG], fix).toContain(block.file);
    }
  });

  it("pipeline blocks are valid for GitLab's CI schema, and their inputs for our components", () => {
    for (const block of blocks.filter((b) => b.file === PIPELINE)) {
      const at = where(block);
      const pipeline = parse(block.text) as { include?: Include[] };
      expect({ at, problems: ciSchemaProblems(pipeline) }).toEqual({ at, problems: [] });
      const includes = ourIncludes(pipeline);
      expect(includes.length, `${at} includes none of our components`).toBeGreaterThan(0);
      for (const { name, include } of includes) {
        expect({ at, problems: inputProblems(name, include.inputs ?? {}) }).toEqual({
          at,
          problems: [],
        });
      }
    }
  });

  it("config blocks load with our config loader", () => {
    const configs = blocks.filter((b) => b.file === CONFIG);
    expect(configs.length).toBeGreaterThan(1);
    for (const block of configs) expect(() => loadBlock(block), where(block)).not.toThrow();
  });

  it("every include loads with every config block as its job would, with the flag's own actor", () => {
    const configs = blocks.filter((b) => b.file === CONFIG);
    const includes = blocks
      .filter((b) => b.file === PIPELINE)
      .flatMap((b) =>
        ourIncludes(parse(b.text) as { include?: Include[] }).map((i) => ({ ...i, b })),
      );
    for (const config of configs) {
      const file = parse(config.text) as {
        actor: string;
        flags?: Record<string, { actor?: string }>;
      };
      for (const { include, b } of includes) {
        const inputs = include.inputs ?? {};
        const at = `${where(b)} with ${where(config)}`;
        let actor: string | undefined;
        expect(() => {
          actor = loadBlock(config, inputVariables(inputs)).actor;
        }, at).not.toThrow();
        const expected = inputs.actor || file.flags?.[String(inputs.flag)]?.actor || file.actor;
        expect([at, actor]).toEqual([at, expected]);
      }
    }
  });
});
