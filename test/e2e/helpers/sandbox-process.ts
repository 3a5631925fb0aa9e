// The GitLab API sandbox as its own process (`ff-rollout sandbox --seed FILE`), as the jobs of an
// end-to-end pipeline see it: a URL on loopback. The test reads and steers it through the
// /__sandbox control routes only, never through the process's memory.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SandboxSeed } from "../../../src/sandbox/index.js";

export const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));

/** The parts of GET /__sandbox/state/:instance the end-to-end tests read. */
export interface InstanceSnapshot {
  features: Record<
    string,
    {
      boolean: boolean;
      actors: string[];
      percentage_of_actors: number;
      percentage_of_time: number;
      groups: string[];
    }
  >;
  issues: {
    id: number;
    iid: number;
    projectId: number;
    description: string;
    state: "opened" | "closed";
  }[];
  notes: { issueId: number; body: string; system: boolean }[];
  merge_requests: {
    iid: number;
    projectId: number;
    sourceBranch: string;
    targetBranch: string;
    state: "opened" | "closed" | "merged" | "locked";
    mergeCommitSha: string | null;
  }[];
}

export interface SandboxProcess {
  url: string;
  instanceUrl(name: string): string;
  state(instance: string): Promise<InstanceSnapshot>;
  /** Requests the jobs made (GET /__sandbox/log), e.g. to prove that nothing was written. */
  log(): Promise<{ method: string; instance: string; path: string; status: number }[]>;
  advanceClock(minutes: number): Promise<void>;
  /** Merges a merge request as a person pressing Merge would; answers its merge commit. */
  merge(instance: string, project: string, iid: number, user?: string): Promise<string>;
  /** Records a successful deployment of `sha` to `environment`, as a CD job would. */
  deploy(instance: string, project: string, environment: string, sha: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandboxProcess(seed: SandboxSeed, dir: string): Promise<SandboxProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const seedFile = join(dir, "sandbox-seed.json");
  writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  const child = spawn(process.execPath, [CLI, "sandbox", "--port", "0", "--seed", seedFile], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await announcedUrl(child);
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/__sandbox${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} /__sandbox${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    url,
    instanceUrl: (name) => `${url}/${name}`,
    state: (instance) => control("GET", `/state/${instance}`) as Promise<InstanceSnapshot>,
    log: () =>
      control("GET", "/log") as Promise<
        { method: string; instance: string; path: string; status: number }[]
      >,
    advanceClock: async (minutes) => {
      await control("POST", "/clock", { advance_ms: minutes * 60_000 });
    },
    merge: async (instance, project, iid, user) => {
      const path = `/merge/${instance}/${encodeURIComponent(project)}/${iid}`;
      const merged = (await control("POST", path, user ? { user } : {})) as {
        merge_commit_sha: string;
      };
      return merged.merge_commit_sha;
    },
    deploy: async (instance, project, environment, sha) => {
      await control("POST", `/deploy/${instance}`, { project, environment, sha });
    },
    stop: () => stopChild(child),
  };
}

/** Resolves with the URL the sandbox prints first ("GitLab API sandbox on http://..."). */
function announcedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let settled = false;
    const settle = (error?: Error, url?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (url) return resolve(url);
      child.kill();
      reject(new Error(`${error?.message}\n${out}`));
    };
    const timer = setTimeout(
      () => settle(new Error("the sandbox did not start within 15 s")),
      15_000,
    );
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.stdout?.on("data", (d) => {
      out += d;
      const match = /GitLab API sandbox on (http:\/\/\S+)/.exec(out);
      if (match) settle(undefined, match[1]);
    });
    child.on("exit", (code) => settle(new Error(`the sandbox exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
