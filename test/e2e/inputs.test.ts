// A wrong input value is stopped by the component's own spec (type, options, regex, required)
// when the pipeline is created, before any job runs. gitlab-ci-local checks inputs the way
// GitLab does; as proof that nothing ran, the `cli` input is a command that would leave a file.

import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createComponentProject } from "./helpers/component-project.js";
import { runGitlabCiLocal } from "./helpers/gitlab-ci-local.js";
import { describeE2e } from "./helpers/suite.js";

// A job that ran would create the file "job-ran" in the project.
const CLI = "./bin/mark-job-ran";
const files = { "bin/mark-job-ran": "#!/bin/sh\ntouch job-ran\n" };

const cases: { what: string; inputs: Record<string, unknown>; error: RegExp }[] = [
  {
    what: "a string where the type is array",
    inputs: { flag: "my_flag", percentages: "10,50" },
    error: /`percentages` input: provided value is not a/,
  },
  {
    what: "a string where the type is boolean",
    inputs: { flag: "my_flag", dry_run: "yes" },
    error: /`dry_run` input: provided value is not a boolean/,
  },
  {
    what: "a value outside the options",
    inputs: { flag: "my_flag", actor: "robot" },
    error: /`actor` input: `robot` cannot be used because it is not in the list of allowed options/,
  },
  {
    what: "a flag name the regex refuses",
    inputs: { flag: "My-Flag" },
    error: /`flag` input: `My-Flag` does not match required regex/,
  },
  {
    what: "shell or YAML syntax in a string input",
    inputs: { flag: "my_flag", rollout_issue: 'g/p#1"; rm -rf ~; echo "' },
    error: /`rollout_issue` input: .* does not match required regex/,
  },
  {
    what: "a missing required input",
    inputs: {},
    error: /`flag` input: required value has not been provided/,
  },
];

describeE2e("invalid input values", () => {
  describe.each(cases)("$what", ({ inputs, error }) => {
    it("is refused when the pipeline is created, and no job runs", async () => {
      const project = createComponentProject({
        includes: [{ component: "rollout", inputs: { cli: CLI, ...inputs } }],
        files,
      });
      try {
        const result = await runGitlabCiLocal(project.dir, []);
        expect(result.code).not.toBe(0);
        expect(result.output).toContain("This GitLab CI configuration is invalid");
        expect(result.output).toMatch(error);
        expect(result.output).not.toContain("starting shell");
        expect(existsSync(join(project.dir, "job-ran"))).toBe(false);
      } finally {
        rmSync(project.dir, { recursive: true, force: true });
      }
    });
  });

  it("the same project with valid inputs does run its job (the check above can fail)", async () => {
    const project = createComponentProject({
      includes: [{ component: "rollout", inputs: { cli: CLI, flag: "my_flag" } }],
      files,
    });
    try {
      await runGitlabCiLocal(project.dir, []);
      expect(existsSync(join(project.dir, "job-ran"))).toBe(true);
    } finally {
      rmSync(project.dir, { recursive: true, force: true });
    }
  });
});
