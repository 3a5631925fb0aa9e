// A 404 that means "absent" (a probe that may miss), as opposed to a failure.

import { GitLabError } from "../errors.js";

export async function orAbsent<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof GitLabError && error.kind === "not-found") return undefined;
    throw error;
  }
}
