// A throwaway project that includes this repository's components the way GitLab's docs test a
// component in its own project: a git repository whose `origin` is the component project
// (gitlab.example.com/ff-rollout/ff-rollout) and whose .gitlab-ci.yml includes
// `$CI_SERVER_FQDN/ff-rollout/ff-rollout/<name>@$CI_COMMIT_SHA`. gitlab-ci-local resolves such an
// include from the working tree instead of fetching it, so the templates under test are copied in.

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import type { ComponentName } from "../../helpers/component-templates.js";
import { TEMPLATES, templateInputs } from "../../helpers/component-templates.js";
import { CLI } from "./sandbox-process.js";

export const COMPONENT_HOST = "gitlab.example.com";
export const COMPONENT_PATH = "ff-rollout/ff-rollout";

export interface Include {
  component: ComponentName;
  inputs: Record<string, unknown>;
}

export interface ProjectOptions {
  includes: Include[];
  /** The project's stages (the components take theirs from the `stage` input). */
  stages?: string[];
  /** .gitlab/ff-rollout.yml, committed like a real project's. */
  config?: object;
  /** More files to commit, by path (written executable, for scripts). */
  files?: Record<string, string>;
  /** Project CI/CD variables (tokens), in .gitlab-ci-local-variables.yml, never committed. */
  variables?: Record<string, string>;
}

export interface ComponentProject {
  dir: string;
  sha: string;
}

/** The `cli` input that runs this repository's build with this very Node.js. */
export function cliInput(): string {
  const command = `${process.execPath} ${CLI}`;
  const regex = new RegExp(templateInputs("rollout").cli?.regex ?? "^$");
  if (!regex.test(command)) {
    throw new Error(`"${command}" does not match the cli input's regex; move the checkout`);
  }
  return command;
}

export function createComponentProject(options: ProjectOptions): ComponentProject {
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-e2e-"));
  cpSync(TEMPLATES, join(dir, "templates"), { recursive: true });
  const pipeline = {
    stages: options.stages ?? ["test", "deploy"],
    include: options.includes.map(({ component, inputs }) => ({
      component: `$CI_SERVER_FQDN/${COMPONENT_PATH}/${component}@$CI_COMMIT_SHA`,
      inputs,
    })),
  };
  writeFileSync(join(dir, ".gitlab-ci.yml"), stringify(pipeline));
  if (options.config) {
    mkdirSync(join(dir, ".gitlab"));
    writeFileSync(join(dir, ".gitlab", "ff-rollout.yml"), stringify(options.config));
  }
  writeFileSync(
    join(dir, ".gitignore"),
    [".gitlab-ci-local/", ".gcl-home/", ".gitlab-ci-local-variables.yml", "*.json", ""].join("\n"),
  );
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content, { mode: 0o755 });
  }
  if (options.variables) {
    writeFileSync(join(dir, ".gitlab-ci-local-variables.yml"), stringify(options.variables));
  }
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  git("init", "--quiet", "--initial-branch=main");
  // gitlab-ci-local reads the committer for GITLAB_USER_*; give it one of the repository's own.
  git("config", "user.name", "e2e");
  git("config", "user.email", "e2e@example.com");
  git("remote", "add", "origin", `https://${COMPONENT_HOST}/${COMPONENT_PATH}.git`);
  git("add", "--all");
  git(...["-c", "commit.gpgsign=false", "commit", "--quiet", "--message", "pipeline under test"]);
  // origin/HEAD names the default branch, as after a clone: CI_DEFAULT_BRANCH is "main".
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  return { dir, sha: git("rev-parse", "HEAD").trim() };
}
