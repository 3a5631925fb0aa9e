// Report paths (--report, --junit) are checked before any request: a run that talked to GitLab
// for minutes and then could not write its report would be a failure (exit 3) caused by a typo.

import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.js";

/** The absolute path, once it is known a file can be written there; else exit 2. */
export function writablePath(cwd: string, path: string, option: string): string {
  const target = resolve(cwd, path);
  const problem = whyNotWritable(target);
  if (problem === undefined) return target;
  throw new UsageError([
    { option, value: path, problem, fix: "choose a file path that can be written" },
  ]);
}

function whyNotWritable(target: string): string | undefined {
  const existing = statOf(target);
  if (existing?.isDirectory()) return "is a directory";
  if (existing) return canWrite(target) ? undefined : "is a file this job may not write";
  const parent = statOf(dirname(target));
  if (!parent) return `is in ${dirname(target)}, which does not exist`;
  if (!parent.isDirectory()) return `is under ${dirname(target)}, which is not a directory`;
  return canWrite(dirname(target))
    ? undefined
    : `is in ${dirname(target)}, where this job may not write`;
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
