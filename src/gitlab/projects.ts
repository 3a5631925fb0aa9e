// Projects by path, read once per run: their id and default branch are needed by several checks
// (the release chain's default branch, a project actor's id). One cache per instance and token,
// shared by every client that has both: the same token sees the same projects.

import { z } from "zod";
import type { GitLabClient } from "./client.js";

export interface ProjectInfo {
  id: number;
  path: string;
  defaultBranch: string;
  webUrl: string;
}

const project = z.looseObject({
  id: z.number(),
  path_with_namespace: z.string(),
  default_branch: z.string().nullable(),
  web_url: z.string(),
});

export class ProjectCache {
  private readonly cache = new Map<string, Promise<ProjectInfo>>();

  constructor(private readonly client: GitLabClient) {}

  get(path: string): Promise<ProjectInfo> {
    let found = this.cache.get(path);
    if (!found) {
      found = this.client.projects.show(path).then((body) => {
        const p = project.parse(body);
        return {
          id: p.id,
          path: p.path_with_namespace,
          defaultBranch: p.default_branch ?? "main",
          webUrl: p.web_url,
        };
      });
      this.cache.set(path, found);
    }
    return found;
  }
}

/** One ProjectCache per (instance URL, token), made on first use by the client that asks first. */
export class SharedProjectReads {
  private readonly caches = new Map<string, ProjectCache>();

  for(client: GitLabClient, token: string): ProjectCache {
    // The key stays in memory only; it is never logged or printed.
    const key = `${client.url.replace(/\/+$/, "")}\n${token}`;
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new ProjectCache(client);
      this.caches.set(key, cache);
    }
    return cache;
  }
}
