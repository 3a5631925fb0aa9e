// The seed: what each sandboxed GitLab instance holds when the sandbox starts. Validated with
// zod so that a typo in a test's seed fails at startup with the path and the bad value, not
// as a puzzling 404 halfway through a test.

import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { InstanceSeed } from "./seed-instance.js";
import { checkReferences } from "./seed-references.js";
import { checkMoreReferences } from "./seed-references-more.js";
import { isoDate } from "./seed-schemas-more.js";

const ClockSeed = z.union([
  isoDate,
  z.strictObject({ now: isoDate.optional(), running: z.boolean().optional() }),
]);

/** Instance names become URL path segments: http://127.0.0.1:PORT/<name>/api/v4. */
const instanceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: "use lowercase letters, digits, - and _" })
  .refine((name) => name !== "api", { message: '"api" is reserved' });

export const SandboxSeedSchema = z
  .strictObject({
    clock: ClockSeed.optional(),
    instances: z.record(instanceName, InstanceSeed),
  })
  .superRefine((seed, ctx) => {
    for (const [name, instance] of Object.entries(seed.instances)) {
      checkReferences(instance, ["instances", name], ctx);
      checkMoreReferences(instance, ["instances", name], ctx);
    }
  });

export type SandboxSeed = z.input<typeof SandboxSeedSchema>;
export type ParsedSeed = z.output<typeof SandboxSeedSchema>;

export class SeedError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = "SeedError";
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Validates a seed object; throws SeedError listing every problem with its path and value. */
export function parseSeed(input: unknown, source = "seed"): ParsedSeed {
  const result = SandboxSeedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((problem) => {
    const path = problem.path.map(String).join(".") || "(root)";
    if (problem.code === "invalid_key") {
      // A bad instance name: say why, and show the name rather than the instance's content.
      const why = problem.issues.map((inner) => inner.message).join("; ");
      return `${path}: invalid instance name: ${why} (got ${describeValue(problem.path.at(-1))})`;
    }
    return `${path}: ${problem.message} (got ${describeValue(valueAt(input, problem.path))})`;
  });
  throw new SeedError(`Invalid sandbox ${source}:\n  ${problems.join("\n  ")}`, problems);
}

/** Loads a seed from an object, or from a YAML or JSON file path (YAML is a superset of JSON). */
export function loadSeed(seed: SandboxSeed | string): ParsedSeed {
  if (typeof seed !== "string") return parseSeed(seed);
  let text: string;
  try {
    text = readFileSync(seed, "utf8");
  } catch (error) {
    throw new SeedError(`Cannot read sandbox seed file ${seed}: ${(error as Error).message}`, []);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new SeedError(
      `Sandbox seed file ${seed} is not valid YAML/JSON: ${(error as Error).message}`,
      [],
    );
  }
  return parseSeed(data, `seed file ${seed}`);
}
