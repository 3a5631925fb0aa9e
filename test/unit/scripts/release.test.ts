// The release scripts on a copy of this repository's version-bearing files: the bump writes one
// version everywhere, the release check finds every place that disagrees with the tag, and the
// image and npm scripts' dry runs say exactly what a release would run.

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseImages, buildCommand, manifestDigest, unpinned } from "../../../scripts/image.js";
import { HOME_IMAGE, packageVersion, REPO_ROOT, TEMPLATES } from "../../../scripts/lib/repo.js";
import { releaseProblems } from "../../../scripts/release-check.js";
import { bumpVersion, VersionError } from "../../../scripts/version.js";

const FILES = ["package.json", "package-lock.json", "README.md", "CHANGELOG.md", ...TEMPLATES];

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "release-"));
  for (const file of FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(dir, file));
  }
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

function tsx(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), ...args],
    { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, ...SECRETS } },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

const SECRETS = {
  CI_REGISTRY: "registry.example.com",
  CI_REGISTRY_USER: "gitlab-ci-token",
  CI_REGISTRY_PASSWORD: "registry-password-never-shown",
};

describe("version bump", () => {
  const current = packageVersion(REPO_ROOT);

  it("writes the new version in every file and turns Unreleased into the release's section", () => {
    const dir = copy();
    bumpVersion(dir, "9.8.7", { dryRun: false, date: "2030-01-02" });
    expect(JSON.parse(read(dir, "package.json")).version).toBe("9.8.7");
    const lock = JSON.parse(read(dir, "package-lock.json"));
    expect([lock.version, lock.packages[""].version]).toEqual(["9.8.7", "9.8.7"]);
    for (const template of TEMPLATES) {
      expect(read(dir, template)).toContain(`default: ${HOME_IMAGE}:9.8.7`);
    }
    const readme = read(dir, "README.md");
    expect(readme).not.toMatch(new RegExp(`[@:]${current.replaceAll(".", "\\.")}\\b`));
    expect(readme).toContain("rollout@9.8.7");
    expect(read(dir, "CHANGELOG.md")).toMatch(/^## Unreleased\n\n## 9\.8\.7 \(2030-01-02\)\n/m);
    // The bumped copy passes the release check for its new tag, and fails it for the old one.
    expect(releaseProblems(dir, "9.8.7", HOME_IMAGE)).toEqual([]);
    // The old version: package.json, the lock file and both templates disagree (its changelog
    // section stays).
    expect(releaseProblems(dir, current, HOME_IMAGE)).toHaveLength(4);
  });

  it("with --dry-run changes nothing and lists the lines it would change", () => {
    const dir = copy();
    const before = FILES.map((file) => read(dir, file));
    const changes = bumpVersion(dir, "9.8.7", { dryRun: true });
    expect(changes.map((change) => change.file).sort()).toEqual([...FILES].sort());
    expect(FILES.map((file) => read(dir, file))).toEqual(before);
    const { code, output } = tsx("scripts/version.ts", "9.8.7", "--dry-run");
    expect(code, output).toBe(0);
    expect(output).toContain(`+ default: ${HOME_IMAGE}:9.8.7`);
    expect(output).toContain("dry run: nothing written");
  });

  it("refuses a bad version, the same version, and an empty Unreleased section", () => {
    const dir = copy();
    expect(() => bumpVersion(dir, "v1.2", { dryRun: true })).toThrow(/not a version/);
    expect(() => bumpVersion(dir, current, { dryRun: true })).toThrow(/already/);
    writeFileSync(
      join(dir, "CHANGELOG.md"),
      read(dir, "CHANGELOG.md").replace(/## Unreleased\n[\s\S]*?(?=^## )/m, "## Unreleased\n\n"),
    );
    expect(() => bumpVersion(dir, "9.8.7", { dryRun: false })).toThrow(VersionError);
    expect(JSON.parse(read(dir, "package.json")).version).toBe(current);
  });
});

describe("release check", () => {
  it("passes this repository for its own version and names every mismatch otherwise", () => {
    const version = packageVersion(REPO_ROOT);
    expect(releaseProblems(REPO_ROOT, version, HOME_IMAGE)).toEqual([]);
    const problems = releaseProblems(REPO_ROOT, version, "registry.example.com/other/image");
    expect(problems).toEqual(
      TEMPLATES.map(
        (t) => `${t}: the image input's default is not registry.example.com/other/image:${version}`,
      ),
    );
    expect(releaseProblems(REPO_ROOT, "v1", HOME_IMAGE)[0]).toMatch(/not a version/);
  });
});

describe("image", () => {
  const dockerfile = [
    "FROM docker.io/library/node:24-alpine@sha256:" + "ab".repeat(32) + " AS build",
    "RUN true",
    "FROM build AS test",
    "FROM docker.io/library/node:24-alpine",
  ].join("\n");

  it("finds the base images, leaves stages out, and names the ones not pinned", () => {
    expect(baseImages(dockerfile).map((image) => image.name)).toEqual([
      "docker.io/library/node:24-alpine",
      "docker.io/library/node:24-alpine",
    ]);
    expect(unpinned(dockerfile)).toEqual(["FROM docker.io/library/node:24-alpine"]);
    expect(unpinned(readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8"))).toEqual([]);
  });

  it("labels the build with the version, commit and time", () => {
    expect(buildCommand("reg/img", "1.2.3", "abc", "2030-01-01T00:00:00Z")).toEqual([
      "buildah",
      "build",
      "--build-arg",
      "VERSION=1.2.3",
      "--build-arg",
      "REVISION=abc",
      "--build-arg",
      "CREATED=2030-01-01T00:00:00Z",
      "--tag",
      "reg/img:1.2.3",
      ".",
    ]);
    // A manifest's digest is the sha256 of its bytes.
    expect(manifestDigest("")).toBe(
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("publish --dry-run logs in through stdin, builds and pushes, never showing the password", () => {
    const { code, output } = tsx("scripts/image.ts", "publish", "reg/img", "1.2.3", "--dry-run");
    expect(code, output).toBe(0);
    expect(output).toContain(
      "would run: buildah login --username gitlab-ci-token --password-stdin registry.example.com (with stdin)",
    );
    expect(output).toContain("--tag reg/img:1.2.3 .");
    expect(output).toContain("would run: buildah push reg/img:1.2.3");
    expect(output).not.toContain(SECRETS.CI_REGISTRY_PASSWORD);
  });
});

describe("npm publish", () => {
  it("--dry-run names the command and the files: the build, templates, docs; no sources", () => {
    const { code, output } = tsx("scripts/npm-publish.ts", packageVersion(REPO_ROOT), "--dry-run");
    expect(code, output).toBe(0);
    expect(output).toMatch(/would run: npm publish --userconfig \S+ --provenance --access public/);
    expect(output).toMatch(/CHANGELOG\.md, LICENSE, README\.md, package\.json, templates/);
    expect(output).not.toContain("src/");
  });

  it("refuses a tag that is not the version", () => {
    const { code, output } = tsx("scripts/npm-publish.ts", "0.0.0-other", "--dry-run");
    expect(code).toBe(1);
    expect(output).toContain("the tag is 0.0.0-other");
  });
});
