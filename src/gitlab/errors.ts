// The one place where GitLab's answers become our errors. A message names the instance, the
// request, what GitLab said, and what to do. It is built from the status and the body only:
// request headers (where the token lives) never reach an error.

import { GitLabError, type GitLabErrorKind } from "../errors.js";

export interface RequestInfo {
  /** Environment name (or "issues") and its URL, for the message. */
  instance: string;
  instanceUrl: string;
  /** The variable holding the token, so the fix can name it. */
  tokenEnv: string;
  method: string;
  /** Path below /api/v4, e.g. "features/my_flag". */
  path: string;
}

/** GitLab's error bodies: {"message": "..."}, {"message": {field: [...]}}, {"error": "..."}, or text. */
export function gitlabMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 300) || undefined;
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    const message = record.message ?? record.error;
    if (typeof message === "string") {
      const description = record.error_description;
      return typeof description === "string" ? `${message}: ${description}` : message;
    }
    if (message && typeof message === "object") {
      return Object.entries(message as Record<string, unknown>)
        .map(
          ([field, errors]) =>
            `${field} ${Array.isArray(errors) ? errors.join(", ") : String(errors)}`,
        )
        .join("; ");
    }
  }
  return undefined;
}

export function errorForStatus(
  info: RequestInfo,
  status: number,
  body: unknown,
  attempts: number,
): GitLabError {
  const said = gitlabMessage(body);
  const where = `${info.method} ${info.path} on "${info.instance}" (${info.instanceUrl})`;
  const quote = said ? `: GitLab says "${said}"` : "";
  const [kind, advice] = adviceFor(info, status, said);
  return new GitLabError(`${where} failed with ${status}${quote}. ${advice}`, kind, {
    instance: info.instance,
    method: info.method,
    path: info.path,
    status,
    gitlabMessage: said,
    attempts,
  });
}

function adviceFor(
  info: RequestInfo,
  status: number,
  said: string | undefined,
): [GitLabErrorKind, string] {
  const token = `the token in ${info.tokenEnv}`;
  switch (status) {
    case 401:
      return [
        "unauthorized",
        `GitLab rejected ${token} for "${info.instance}": it is invalid, expired or revoked. Create a new personal access token with api scope and update ${info.tokenEnv}.`,
      ];
    case 403:
      if (said?.includes("insufficient_scope")) {
        return [
          "forbidden",
          `${capitalize(token)} lacks the api scope. Create a personal access token with api scope and update ${info.tokenEnv}.`,
        ];
      }
      if (info.path.startsWith("features")) {
        return [
          "forbidden",
          `${capitalize(token)} is not an administrator's token: the Features API needs an administrator's personal access token with api scope on "${info.instance}".`,
        ];
      }
      return [
        "forbidden",
        `The user of ${token} may not do this; give it the needed role on the project, or use another token.`,
      ];
    case 404:
      return [
        "not-found",
        `Check that the path exists on "${info.instance}" and that the user of ${token} can see it (GitLab answers 404 for what a user may not see).`,
      ];
    case 400:
    case 422:
      return ["bad-request", "GitLab refused the parameters; nothing was changed by this request."];
    case 409:
      return ["conflict", "Someone else changed the same thing at the same time; re-run the job."];
    case 429:
      return [
        "rate-limited",
        `"${info.instance}" kept answering 429 (rate limited) through every retry; wait a few minutes and re-run the job. Steps already done are not repeated.`,
      ];
    default:
      if (status >= 500) {
        return [
          "server",
          `"${info.instance}" had an error through every retry (it may be down or under maintenance); re-run the job later. Steps already done are not repeated.`,
        ];
      }
      return ["invalid-response", "Unexpected answer from GitLab."];
  }
}

export function errorForFailure(
  info: RequestInfo,
  failure: "timeout" | "reset" | "refused" | "network",
  timeoutMs: number,
  attempts: number,
  detail?: string,
): GitLabError {
  const where = `${info.method} ${info.path} on "${info.instance}" (${info.instanceUrl})`;
  const what = {
    timeout: `got no answer within ${Math.round(timeoutMs / 1000)} s`,
    reset: "lost the connection",
    refused: "could not connect (connection refused)",
    network: `could not reach the instance${detail ? ` (${detail})` : ""}`,
  }[failure];
  return new GitLabError(
    `${where} ${what} after ${attempts} attempt${attempts === 1 ? "" : "s"}. Check the URL and that the instance is up, then re-run the job; steps already done are not repeated.`,
    failure === "timeout" ? "timeout" : "network",
    { instance: info.instance, method: info.method, path: info.path, attempts },
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
