// The rules every component template keeps, read from the YAML itself: what GitLab's component
// guidelines ask (no global keywords, job names and stage from inputs, typed and described
// inputs) and what this project promises (inputs reach the CLI only as variables, one
// resource group per flag, explicit allow_failure, the default image is the released one).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import {
  COMPONENTS,
  type ComponentName,
  templateInputs,
  templateText,
} from "../../helpers/component-templates.js";

const JOB_NAME = /^\$\[\[ inputs\.job_prefix \]\]:\$\[\[ inputs\.flag \]\]:[a-z-]+$/;
const STAGE_MAP = /^\.\$\[\[ inputs\.job_prefix \]\]:\$\[\[ inputs\.flag \]\]:stages$/;
const GLOBAL_KEYWORDS = [
  "default",
  "include",
  "stages",
  "variables",
  "workflow",
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
];

type Job = Record<string, unknown> & { rules?: Record<string, unknown>[]; script?: unknown[] };

/** The template's top-level keys after `---`: its jobs, and hidden keys (starting with "."). */
function keys(component: ComponentName): Record<string, unknown> {
  const [, body] = parseAllDocuments(templateText(component));
  return body?.toJS() as Record<string, unknown>;
}

function jobs(component: ComponentName): Record<string, Job> {
  const entries = Object.entries(keys(component)).filter(([key]) => !key.startsWith("."));
  return Object.fromEntries(entries) as Record<string, Job>;
}

/** A job's phase: the last part of its name. */
const phaseOf = (name: string) => name.split(":").at(-1) ?? name;

const packageJson = new URL("../../../package.json", import.meta.url);
const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;

describe.each(COMPONENTS)("templates/%s/template.yml", (component) => {
  const inputs = templateInputs(component);

  it("types, describes and constrains every input", () => {
    for (const [name, input] of Object.entries(inputs)) {
      expect(input.type, name).toMatch(/^(string|number|boolean|array)$/);
      expect(input.description?.length, name).toBeGreaterThan(20);
      expect(input.description!.length, name).toBeLessThanOrEqual(1024);
      // Table cells in the README: a description must not need escaping.
      expect(input.description, name).not.toContain("|");
      if (input.type === "string") expect(input.regex ?? input.options, name).toBeDefined();
      if (input.default === undefined) continue;
      if (input.regex) expect(String(input.default), name).toMatch(new RegExp(input.regex));
      if (input.options) expect(input.options, name).toContain(input.default);
    }
  });

  it("writes regexes GitLab's RE2 accepts and that refuse quotes, backslashes and newlines", () => {
    for (const [name, { regex }] of Object.entries(inputs)) {
      if (!regex) continue;
      expect(regex, name).toMatch(/^\^/);
      expect(regex, name).not.toMatch(/\(\?[=!<]|\\[1-9]/); // no lookaround, no backreference
      const re = new RegExp(regex);
      for (const bad of ['a"b', "a'b", "a\\b", "a\nb", "a`b", "a;b"]) {
        expect(re.test(bad), `${name} accepts ${JSON.stringify(bad)}`).toBe(false);
      }
    }
  });

  it("sets no global keyword and names every job <job_prefix>:<flag>:<phase>", () => {
    for (const key of Object.keys(keys(component))) {
      expect(GLOBAL_KEYWORDS).not.toContain(key);
      // The one hidden key is the stage map, named per flag like the jobs.
      expect(key).toMatch(key.startsWith(".") ? STAGE_MAP : JOB_NAME);
    }
  });

  it("uses every input, and never pastes one into a script line", () => {
    const body = templateText(component).split(/^---$/m)[1] ?? "";
    for (const name of Object.keys(inputs)) expect(body, name).toContain(`$[[ inputs.${name} ]]`);
    for (const [name, job] of Object.entries(jobs(component))) {
      expect(JSON.stringify(job.script), name).not.toContain("$[[");
    }
  });

  it("gives every job the stage, image and resource group from the inputs, uninterruptible", () => {
    const stageMap = Object.keys(keys(component)).find((key) => key.startsWith("."));
    for (const [name, job] of Object.entries(jobs(component))) {
      // With a stage map, the job's entry in it under the `stages` input's value (the map's own
      // test is test/unit/components/stages.test.ts); otherwise the `stage` input.
      const stage = stageMap
        ? [stageMap, "$[[ inputs.stages ]]", phaseOf(name)]
        : "$[[ inputs.stage ]]";
      // A watch job holds no resource group (it only reads, and rolls back on a breach, which
      // needs no lock), and neither does the rollback job: it must never be queued behind a step
      // that holds the group through its soak (watch: step).
      const free = name.endsWith("-watch") || name.endsWith(":rollback");
      expect(job, name).toMatchObject({
        stage,
        image: "$[[ inputs.image ]]",
        ...(free ? {} : { resource_group: "ff-rollout-$[[ inputs.flag ]]" }),
        interruptible: false,
      });
      if (free) expect(job.resource_group, name).toBeUndefined();
    }
  });

  it("says explicitly, in every rule that adds the job, whether a failure blocks", () => {
    for (const [name, job] of Object.entries(jobs(component))) {
      for (const rule of job.rules ?? []) {
        if (rule.when === "never") continue;
        const explicit = rule.allow_failure ?? job.allow_failure;
        expect(typeof explicit, `${name}: ${JSON.stringify(rule)}`).toBe("boolean");
      }
    }
  });

  it("defaults to the image released with this version and the CLI installed in it", () => {
    expect(inputs.image?.default).toBe(`registry.gitlab.com/ff-rollout/ff-rollout:${version}`);
    expect(inputs.cli?.default).toBe("ff-rollout");
  });
});

describe("the two templates", () => {
  it("define their shared inputs alike", () => {
    const rollout = templateInputs("rollout");
    const readiness = templateInputs("readiness");
    for (const name of ["flag", "rollout_issue", "config", "job_prefix", "image", "cli"]) {
      const { description: _a, ...a } = rollout[name] ?? {};
      const { description: _b, ...b } = readiness[name] ?? {};
      expect(b, name).toEqual(a);
    }
  });
});
