// GitLab's GraphQL API (POST /api/graphql, doc/api/graphql/_index.md) through the client's
// transport: the same pacing, retries, timeouts and redaction as every REST call. GitLab answers
// HTTP 200 for a query it could not run, with its reasons in `errors` (a field this GitLab does
// not have, an argument it does not take, a complexity or depth limit) and sometimes partial
// `data`: any `errors` fail the query here, since a partial answer would be a truncated history.
// A token that does not work is 401 {"errors":[{"message":"Invalid token"}]}; an instance without
// the endpoint is 404. Both come out of the transport as GitLabError.

import type { z } from "zod";
import { GitLabError } from "../errors.js";
import type { GitLabClient } from "./client.js";

export const GRAPHQL_PATH = "api/graphql";

export interface GraphqlProblem {
  message: string;
  extensions?: Record<string, unknown>;
}

/** GitLab answered the query with `errors`: what it said, for the caller to judge. */
export class GraphqlQueryError extends GitLabError {
  constructor(
    instance: string,
    readonly problems: GraphqlProblem[],
  ) {
    const said = problems
      .slice(0, 3)
      .map((p) => p.message)
      .join("; ");
    super(
      `POST ${GRAPHQL_PATH} on "${instance}" answered with errors: GitLab says "${said}".`,
      "invalid-response",
      { instance, method: "POST", path: GRAPHQL_PATH, status: 200, gitlabMessage: said },
    );
  }

  /** An argument this GitLab's schema does not take (an older GitLab, for instance). */
  rejectsArgument(name: string): boolean {
    return this.problems.some(
      (p) => p.extensions?.code === "argumentNotAccepted" && p.extensions.argumentName === name,
    );
  }
}

/** Runs one query and checks its `data` with zod; throws GitLabError for anything else. */
export async function graphqlQuery<T>(
  client: GitLabClient,
  query: string,
  variables: Record<string, unknown>,
  data: z.ZodType<T>,
): Promise<T> {
  const response = await client.graphql(JSON.stringify({ query, variables }));
  const body = response.body as { data?: unknown; errors?: unknown } | null;
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    throw new GraphqlQueryError(
      client.name,
      body.errors.map((e) => ({
        message: typeof e?.message === "string" ? e.message : JSON.stringify(e),
        ...(e?.extensions && typeof e.extensions === "object" ? { extensions: e.extensions } : {}),
      })),
    );
  }
  const parsed = data.safeParse(body?.data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GitLabError(
    `POST ${GRAPHQL_PATH} on "${client.name}" answered in a shape we do not understand (${issue?.path.join(".")}: ${issue?.message}).`,
    "invalid-response",
    { instance: client.name, method: "POST", path: GRAPHQL_PATH, status: response.status },
  );
}

/** "gid://gitlab/Note/123" (or DiscussionNote, Issue, Milestone...) -> 123. */
export function idFromGid(gid: string): number {
  const match = /^gid:\/\/gitlab\/[A-Za-z:]+\/(\d+)$/.exec(gid);
  if (!match) throw new Error(`not a GitLab global id: ${gid}`);
  return Number(match[1]);
}
