// An answer of GitLab's REST API checked at the boundary: zod tolerates fields we do not use, and
// an answer we cannot read fails with the request named, never half-read. Every REST adapter of
// this folder reads its answers through here.

import type { z } from "zod";
import { GitLabError } from "../errors.js";
import type { GitLabClient } from "./client.js";

export function parseAnswer<T>(
  client: Pick<GitLabClient, "name">,
  schema: z.ZodType<T>,
  body: unknown,
  method: string,
  path: string,
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GitLabError(
    `${method} ${path} on "${client.name}" answered in a shape we do not understand (${issue?.path.join(".")}: ${issue?.message}).`,
    "invalid-response",
    { instance: client.name, method, path },
  );
}
