// Rollout and feature issues are written by people as URLs or as short references; both resolve
// to a project path and an iid on the issues instance. GitLab's newer UI links issues as
// /-/work_items/N; the REST issues API answers for both.

export interface IssueRef {
  /** Full path of the project, e.g. gitlab-org/gitlab. */
  project: string;
  iid: number;
  /** The issue's web URL on the issues instance (always the /-/issues/ form). */
  webUrl: string;
}

const SHORT_REF = /^([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+)#(\d+)$/;
const PATH_REF = /^\/?(.+?)\/-\/(?:issues|work_items)\/(\d+)\/?$/;

/**
 * Parses `group/project#42` or a web URL on `instanceUrl` (which may carry a relative URL root,
 * e.g. https://example.com/gitlab). Returns an error message (what was wrong and the fix)
 * instead of throwing, so the config loader can report every problem at once.
 */
export function parseIssueRef(value: string, instanceUrl: string): IssueRef | { error: string } {
  const trimmed = value.trim();
  const short = SHORT_REF.exec(trimmed);
  if (short) return build(short[1]!, Number(short[2]), instanceUrl);

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      error:
        "is neither an issue URL nor a reference; write https://gitlab.example.com/group/project/-/issues/42 or group/project#42",
    };
  }
  const base = new URL(instanceUrl);
  if (url.origin !== base.origin) {
    return {
      error: `is on ${url.origin}, but issues.url is ${base.origin}; the rollout issue must live on the issues instance (or change issues.url)`,
    };
  }
  const root = base.pathname.replace(/\/+$/, "");
  if (root && !url.pathname.startsWith(`${root}/`)) {
    return { error: `is not under issues.url (${instanceUrl}); check the URL` };
  }
  const match = PATH_REF.exec(url.pathname.slice(root.length));
  if (!match) {
    return {
      error:
        "is not an issue URL; it should look like https://gitlab.example.com/group/project/-/issues/42",
    };
  }
  let project: string;
  try {
    project = decodeURIComponent(match[1]!);
  } catch {
    return {
      error:
        "has a malformed %-escape in its project path (each % must start two hex digits, e.g. %2F); copy the issue's URL again from the browser",
    };
  }
  return build(project, Number(match[2]), instanceUrl);
}

function build(project: string, iid: number, instanceUrl: string): IssueRef | { error: string } {
  if (!Number.isSafeInteger(iid) || iid < 1) {
    return { error: "has an issue number that is not a positive integer" };
  }
  return { project, iid, webUrl: `${instanceUrl}/${project}/-/issues/${iid}` };
}
