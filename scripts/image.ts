// The release image: built from the Dockerfile with buildah (no Docker daemon, no privileged
// runner), labelled with the version, the commit and the build time, and pushed to the project's
// registry. Refuses to build when a base image is not pinned by digest. `pin` moves the pins to
// the digests the base images' tags point at now (a maintainer runs it and commits the change).
//
//   tsx scripts/image.ts build <image> <tag> [--dry-run]
//   tsx scripts/image.ts publish <image> <tag> [--dry-run]   login (CI_REGISTRY*), build, push
//   tsx scripts/image.ts pin [--dry-run]                      needs skopeo and registry access

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { echo } from "zx";
import { type Runner, runner } from "./lib/commands.js";
import { runScript, ScriptError } from "./lib/main.js";
import { isMain, REPO_ROOT } from "./lib/repo.js";

export interface BaseImage {
  /** The FROM line as written. */
  line: string;
  /** The image reference as written: name:tag or name:tag@sha256:... */
  ref: string;
  /** registry/name:tag */
  name: string;
  digest: string | undefined;
}

/** Every external base image of a Dockerfile (stages built FROM an earlier stage are left out). */
export function baseImages(dockerfile: string): BaseImage[] {
  const stages = new Set<string>();
  const images: BaseImage[] = [];
  for (const line of dockerfile.split("\n")) {
    const match = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (!match) continue;
    const [, ref = "", stage] = match;
    if (!stages.has(ref)) {
      const [name = "", digest] = ref.split("@");
      images.push({ line, ref, name, digest });
    }
    if (stage) stages.add(stage);
  }
  return images;
}

export function unpinned(dockerfile: string): string[] {
  return baseImages(dockerfile)
    .filter((image) => !/^sha256:[0-9a-f]{64}$/.test(image.digest ?? ""))
    .map((image) => image.line);
}

export function buildCommand(
  image: string,
  tag: string,
  revision: string,
  created: string,
): string[] {
  return [
    "buildah",
    "build",
    "--build-arg",
    `VERSION=${tag}`,
    "--build-arg",
    `REVISION=${revision}`,
    "--build-arg",
    `CREATED=${created}`,
    "--tag",
    `${image}:${tag}`,
    ".",
  ];
}

async function build(run: Runner, root: string, image: string, tag: string): Promise<void> {
  const loose = unpinned(readFileSync(join(root, "Dockerfile"), "utf8"));
  if (loose.length > 0) {
    throw new Error(
      `base images not pinned by digest (run: tsx scripts/image.ts pin): ${loose.join("; ")}`,
    );
  }
  const revision = process.env.CI_COMMIT_SHA ?? "unknown";
  await run.run(buildCommand(image, tag, revision, new Date().toISOString()));
}

async function publish(run: Runner, root: string, image: string, tag: string): Promise<void> {
  const {
    CI_REGISTRY: registry,
    CI_REGISTRY_USER: user,
    CI_REGISTRY_PASSWORD: password,
  } = process.env;
  if (!registry || !user || !password) {
    throw new ScriptError(
      "set CI_REGISTRY, CI_REGISTRY_USER and CI_REGISTRY_PASSWORD (GitLab CI does)",
    );
  }
  // The password goes through stdin: never an argument, never printed.
  await run.run(["buildah", "login", "--username", user, "--password-stdin", registry], password);
  await build(run, root, image, tag);
  await run.run(["buildah", "push", `${image}:${tag}`]);
}

/** The digest of a manifest is the sha256 of its bytes exactly as the registry serves them. */
export function manifestDigest(raw: string | Buffer): string {
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

async function pin(run: Runner, root: string): Promise<void> {
  const path = join(root, "Dockerfile");
  let text = readFileSync(path, "utf8");
  for (const base of baseImages(text)) {
    const raw = await run.run(["skopeo", "inspect", "--raw", `docker://${base.name}`]);
    if (run.dryRun) continue;
    const digest = manifestDigest(raw);
    text = text.replace(base.line, base.line.replace(base.ref, `${base.name}@${digest}`));
    echo(`${base.name} -> ${digest}`);
  }
  if (!run.dryRun) writeFileSync(path, text);
}

const USAGE = "tsx scripts/image.ts build|publish <image> <tag> [--dry-run] | pin [--dry-run]";

if (isMain(import.meta.url)) {
  await runScript("image", USAGE, 1, async ([command, image, tag], dryRun) => {
    const run = runner(dryRun);
    if (command === "pin") await pin(run, REPO_ROOT);
    else if ((command === "build" || command === "publish") && image && tag) {
      await (command === "build" ? build : publish)(run, REPO_ROOT, image, tag);
    } else throw new ScriptError(`usage: ${USAGE}`, 2);
    return 0;
  });
}
