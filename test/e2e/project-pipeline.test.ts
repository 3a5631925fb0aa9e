// This repository's own .gitlab-ci.yml, checked by gitlab-ci-local against GitLab's CI schema
// and evaluated for each kind of pipeline (nothing runs): tests on merge requests and the
// default branch, the components included at this commit on merge requests and tags, and on a
// release tag the publishing jobs and the release. (gitlab-ci-local 4.73 does not apply
// workflow:rules to the jobs, so which refs get no pipeline at all is not checked here.)

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { COMPONENT_HOST, COMPONENT_PATH } from "./helpers/component-project.js";
import { listJobs } from "./helpers/gitlab-ci-local.js";
import { describeE2e } from "./helpers/suite.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FILES = [".gitlab-ci.yml", ".gitlab/ci/component-selftest.yml", "templates"];

describeE2e("the project's own pipeline", () => {
  let dir: string;
  beforeAll(() => {
    // A checkout of this repository as its home project: origin is the component project, so
    // the self-test's `component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/...@$CI_COMMIT_SHA` is local.
    dir = mkdtempSync(join(tmpdir(), "ff-rollout-e2e-project-"));
    for (const file of FILES) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(ROOT, file), join(dir, file), { recursive: true });
    }
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "--quiet", "--initial-branch=main");
    git("config", "user.name", "e2e");
    git("config", "user.email", "e2e@example.com");
    git("remote", "add", "origin", `https://${COMPONENT_HOST}/${COMPONENT_PATH}.git`);
    git("add", "--all");
    git("-c", "commit.gpgsign=false", "commit", "--quiet", "--message", "checkout");
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Sorted: gitlab-ci-local lists included jobs first, GitLab's graph orders by stage.
  const names = async (variables: Record<string, string>, unset: string[] = []) =>
    (await listJobs(dir, { variables, unset })).map((job) => job.name).sort();

  it("default branch: lint, tests and build, and the benchmarks on demand", async () => {
    expect(await names({})).toEqual(["bench", "build", "lint", "test"]);
  });

  it("runs each job of the project's own pipeline with one command", () => {
    const own = parse(readFileSync(join(ROOT, ".gitlab-ci.yml"), "utf8")) as Record<
      string,
      { script?: string[] }
    >;
    const jobs = Object.entries(own).filter(([name, job]) => !name.startsWith(".") && job?.script);
    expect(jobs.length).toBeGreaterThan(5);
    for (const [name, job] of jobs)
      expect({ name, script: job.script?.length }).toEqual({ name, script: 1 });
  });

  it("merge requests: the same, and the components of this commit with their status run", async () => {
    const mr = { CI_PIPELINE_SOURCE: "merge_request_event" };
    expect(await names(mr, ["CI_COMMIT_BRANCH"])).toEqual(
      ["lint", "test", "build", "selftest:new_pipeline_graph:status", "selftest:verify"].sort(),
    );
  });

  it("release tags: the checks, then the image, then the release (npm only with a token)", async () => {
    const tag = { CI_COMMIT_TAG: "0.1.0", CI_COMMIT_REF_NAME: "0.1.0" };
    const jobs = await names(tag, ["CI_COMMIT_BRANCH"]);
    expect(jobs).toEqual(
      [
        "lint",
        "test",
        "build",
        "release:check",
        "selftest:new_pipeline_graph:status",
        "selftest:verify",
        "publish:image",
        "release",
      ].sort(),
    );
    expect(await names({ ...tag, NPM_TOKEN: "npm_x" }, ["CI_COMMIT_BRANCH"])).toContain(
      "publish:npm",
    );
  });
});
