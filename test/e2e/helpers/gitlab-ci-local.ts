// Runs gitlab-ci-local (the devDependency, pinned to 4.73.0: 4.74+ needs Node 22) on a
// project directory, the way a developer would: its own process, its own state directory, and
// GitLab's CI JSON schema validation left on (the default).

import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { missingTools } from "../../../scripts/setup.js";

const require = createRequire(import.meta.url);

/** The package's entry point, or undefined when it is not installed. */
function gclEntry(): string | undefined {
  try {
    return require.resolve("gitlab-ci-local/dist/index.js");
  } catch {
    return undefined;
  }
}

/**
 * Why gitlab-ci-local cannot run on this machine, or undefined when it can. It needs the
 * package, git (it reads the repository) and rsync (it copies tracked files even for shell jobs).
 */
export function gitlabCiLocalMissing(): string | undefined {
  if (!gclEntry()) return "the gitlab-ci-local package is not installed (npm ci)";
  const [tool] = missingTools();
  if (tool) return `${tool.command} is not installed (npm test installs it: scripts/setup.ts)`;
  return undefined;
}

export interface GclResult {
  code: number;
  /** stdout and stderr interleaved as they came: the job logs and gitlab-ci-local's verdicts. */
  output: string;
  stdout: string;
}

export interface GclOptions {
  /** CI/CD variables for this run (--variable), e.g. CI_PIPELINE_SOURCE=schedule. */
  variables?: Record<string, string>;
  /** Predefined variables to remove (--unset-variable), e.g. CI_COMMIT_BRANCH. */
  unset?: string[];
}

/** Runs gitlab-ci-local with `args` in `dir`. Jobs run in the host shell, never in a container. */
export function runGitlabCiLocal(
  dir: string,
  args: string[],
  options: GclOptions = {},
): Promise<GclResult> {
  const entry = gclEntry();
  if (!entry) throw new Error(gitlabCiLocalMissing());
  const argv = [
    entry,
    // Its own home, so a developer's ~/.gitlab-ci-local/variables.yml cannot leak in.
    "--home",
    join(dir, ".gcl-home"),
    // The component's jobs name a container image; here they run in the shell instead, with
    // the `cli` input pointing at this repository's dist/cli.js.
    "--force-shell-executor",
    "--max-job-name-padding",
    "0",
    ...Object.entries(options.variables ?? {}).flatMap(([k, v]) => ["--variable", `${k}=${v}`]),
    // Overriding CI_PIPELINE_SOURCE is how a scheduled pipeline is simulated: no warning.
    ...predefined(options.variables),
    ...(options.unset ?? []).flatMap((name) => ["--unset-variable", name]),
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: join(dir, ".gcl-home"), NO_COLOR: "1" },
    });
    let output = "";
    let stdout = "";
    child.stdout.on("data", (d) => {
      output += d;
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output, stdout }));
  });
}

function predefined(variables: Record<string, string> = {}): string[] {
  const names = Object.keys(variables).filter((name) => name.startsWith("CI_"));
  return names.length > 0 ? ["--ignore-predefined-vars", names.join(",")] : [];
}

export interface ListedJob {
  name: string;
  stage: string;
  when: string;
  allow_failure: boolean | { exit_codes: number[] };
  needs?: { job: string }[];
}

/**
 * The jobs of the pipeline these variables would create, without running any: what GitLab's
 * pipeline graph would show. Jobs whose rules say never are dropped, as GitLab drops them.
 */
export async function listJobs(dir: string, options: GclOptions = {}): Promise<ListedJob[]> {
  const result = await runGitlabCiLocal(dir, ["--list-json"], options);
  if (result.code !== 0) throw new Error(`gitlab-ci-local --list-json failed:\n${result.output}`);
  const jobs = JSON.parse(result.stdout) as ListedJob[];
  return jobs.filter((job) => job.when !== "never");
}

/** The merged configuration gitlab-ci-local wrote on its last run: includes and inputs resolved. */
export function expandedConfig(dir: string): Record<string, Record<string, unknown>> {
  const path = join(dir, ".gitlab-ci-local", "expanded-gitlab-ci.yml");
  if (!existsSync(path)) throw new Error(`no ${path}: run gitlab-ci-local first`);
  return parse(readFileSync(path, "utf8")) as Record<string, Record<string, unknown>>;
}

/**
 * The artifacts the jobs of the last runs uploaded under this file name (gitlab-ci-local keeps
 * them in .gitlab-ci-local/artifacts/<job>/), as file contents.
 */
export function artifacts(dir: string, file: string): string[] {
  const root = join(dir, ".gitlab-ci-local", "artifacts");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((job) => join(root, job, file))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path, "utf8"));
}
