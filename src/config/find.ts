// Where the default config file is when none is named: .gitlab/ff-rollout.yml in the working
// directory or the nearest folder above it, up to the repository's root (the folder holding
// .git, a directory or, in a worktree, a file). The search never leaves the repository, so a
// config in a parent project or the home folder is never picked up by accident.

import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";

export interface Found {
  /** Absolute path of the file. */
  path: string;
  /** The path as the person would write it from the working directory, for messages. */
  shown: string;
}

/** The first `file` (a relative path) from `cwd` upwards; undefined when there is none. */
export function findUpwards(cwd: string, file: string): Found | undefined {
  let dir = cwd;
  for (;;) {
    const candidate = join(dir, file);
    if (existsSync(candidate)) return { path: candidate, shown: relative(cwd, candidate) || file };
    const parent = dirname(dir);
    if (existsSync(join(dir, ".git")) || parent === dir) return undefined;
    dir = parent;
  }
}
