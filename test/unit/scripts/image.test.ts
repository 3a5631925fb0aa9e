// The release image's Dockerfile and what it ships: a pinned Node.js 24 base, OCI labels, an
// unprivileged user, and the CLI without the sandbox and the demo (scripts/image-dist.ts, tried
// here on a copy of this build's dist/).

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseImages, unpinned } from "../../../scripts/image.js";
import { checkPruned, pruneDist } from "../../../scripts/image-dist.js";
import { REPO_ROOT } from "../../../scripts/lib/repo.js";

const dockerfile = readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8");
/** The instructions of the last stage: what the image is made of. */
const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

describe("Dockerfile", () => {
  it("builds on Node.js 24 pinned by digest, while the CLI keeps Node.js 20.19 as its floor", () => {
    expect(unpinned(dockerfile)).toEqual([]);
    const images = baseImages(dockerfile);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.name).toMatch(/^docker\.io\/library\/node:24[.-]/);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    expect(pkg.engines.node).toBe(">=20.19");
  });

  it("runs as an unprivileged user", () => {
    const users = [...finalStage.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe("node");
  });

  it("carries the OCI labels, version, revision and creation time from the build", () => {
    for (const key of [
      "title",
      "description",
      "licenses",
      "source",
      "version",
      "revision",
      "created",
    ]) {
      expect(finalStage).toMatch(new RegExp(`org\\.opencontainers\\.image\\.${key}=`));
    }
    expect(finalStage).toContain(`org.opencontainers.image.version="\${VERSION}"`);
  });

  it("copies into the image only package.json and the pruned build", () => {
    const copies = [...finalStage.matchAll(/^COPY\s+(.*)$/gm)].map((m) => m[1]);
    expect(copies).toEqual(["package.json ./", "--from=build /build/dist ./dist"]);
    expect(dockerfile).toMatch(/scripts\/image-dist\.ts dist/);
    // The build context holds nothing of the demo or the sandbox but their sources for the build.
    const context = readFileSync(join(REPO_ROOT, ".dockerignore"), "utf8");
    expect(context).not.toMatch(/demo|sandbox/);
  });
});

describe("the image's dist", () => {
  const built = join(REPO_ROOT, "dist", "cli.js");

  it("leaves the sandbox and the demo out, and the CLI still runs", () => {
    expect(existsSync(built), "npm test builds dist/ first").toBe(true);
    const dist = mkdtempSync(join(tmpdir(), "image-dist-"));
    cpSync(join(REPO_ROOT, "dist"), dist, { recursive: true });
    const { removed, stubbed } = pruneDist(dist);
    expect(stubbed.some((file) => file.startsWith("run-demo-"))).toBe(true);
    expect(stubbed.some((file) => file.startsWith("cli-sandbox-"))).toBe(true);
    expect(removed.length).toBeGreaterThan(0);
    expect(checkPruned(dist, removed)).toEqual([]);
    // No file left holds the sandbox's control routes.
    const files = readdirSync(dist, { recursive: true }).map(String);
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      expect(readFileSync(join(dist, file), "utf8")).not.toContain("/__sandbox/");
    }
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(dist, "cli.js"), ...args], { encoding: "utf8" });
    expect(cli("--version").status).toBe(0);
    expect(cli("status", "--help").status).toBe(0);
    for (const command of ["demo", "sandbox"]) {
      const result = cli(command);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("not in the ff-rollout container image");
    }
  });
});
