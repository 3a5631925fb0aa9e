// The rollout issues of `readiness --all`, with their notes, a page at a time: a run holds
// one page (and the next, read while this one is checked), never every issue's notes at once,
// so its memory does not grow with the number of rollouts.
//
// GraphQL first (gitlab/graphql-issues.ts: 100 issues and their comments a request). When the
// issues instance cannot answer it (no /api/graphql: 404; a schema without a field we ask; a
// complexity limit; 401/403 there), the run says so and reads through REST instead: a page of
// issues, then one notes read per issue. Issues already read over GraphQL are not read twice.
//
// GitLab's GraphQL times have whole seconds (Types::TimeType is `iso8601`); REST's have
// milliseconds. Both are cut to the second here, so that either path rebuilds the very same
// history and judges alike (the verdicts work in hours and days).
//
// Two selections, read alike: the open issues with the label (openIssuePages), and the closed
// ones of flags that still exist, by iid (closedIssuePages; coverage.ts says which).

import type { Config } from "../config.js";
import { GitLabError } from "../errors.js";
import {
  GraphqlIssueReader,
  type IssueSelection,
  PAGE_SIZE,
  type Scope,
} from "../gitlab/graphql-issues.js";
import { GitLabIssues, type Issue, type Note } from "../gitlab/issues.js";
import type { Wired } from "../wiring.js";
import { mapLimit } from "./pool.js";

export interface IssueNotes {
  issue: Issue;
  /** Oldest first. System notes may be missing (GraphQL leaves them out): nothing reads them. */
  notes: Note[];
}

export type ReadPath = "graphql" | "rest";

export interface PageSource {
  pages: AsyncGenerator<IssueNotes[]>;
  /** Which API the pages came through (REST after a fallback). */
  readonly path: () => ReadPath;
}

export function wholeSeconds(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function normalised(item: IssueNotes): IssueNotes {
  return {
    issue: { ...item.issue, updatedAt: wholeSeconds(item.issue.updatedAt) },
    notes: item.notes.map((n) => ({
      ...n,
      createdAt: wholeSeconds(n.createdAt),
      updatedAt: wholeSeconds(n.updatedAt),
    })),
  };
}

export function openIssuePages(
  ports: Wired,
  config: Config,
  scope: Scope,
  options: { graphql: boolean } = { graphql: true },
): PageSource {
  return issuePages(ports, config, { state: "opened", scope }, options);
}

/**
 * The closed rollout issues with the label among `iids` of `project`, a page at a time (100
 * iids a read, the most a GraphQL page holds).
 */
export function closedIssuePages(
  ports: Wired,
  config: Config,
  project: string,
  iids: number[],
  options: { graphql: boolean },
): PageSource {
  let last: PageSource | undefined;
  let path: ReadPath = options.graphql ? "graphql" : "rest";
  async function* pages(): AsyncGenerator<IssueNotes[]> {
    for (let start = 0; start < iids.length; start += PAGE_SIZE) {
      const chunk = iids.slice(start, start + PAGE_SIZE);
      last = issuePages(
        ports,
        config,
        { state: "closed", project, iids: chunk },
        {
          graphql: path === "graphql",
        },
      );
      yield* last.pages;
      path = last.path();
    }
  }
  return { pages: pages(), path: () => last?.path() ?? path };
}

function issuePages(
  ports: Wired,
  config: Config,
  selection: IssueSelection,
  options: { graphql: boolean },
): PageSource {
  let path: ReadPath = options.graphql ? "graphql" : "rest";
  const seen = new Set<number>();
  const label = config.readiness.label;
  const limit = config.readiness.concurrency;
  const logger = ports.logger;
  const graphql = new GraphqlIssueReader(ports.issuesClient, label);
  const rest = new GitLabIssues(ports.issuesClient);

  async function graphqlPage(after: string | null) {
    const page = await graphql.page(selection, after);
    const items = await mapLimit(page.items, limit, async (item): Promise<IssueNotes> => {
      if (item.moreNotesAfter === null) return { issue: item.issue, notes: item.notes };
      try {
        const more = await graphql.moreNotes(item.issue.ref, item.moreNotesAfter);
        const known = new Set(item.notes.map((n) => n.id));
        return {
          issue: item.issue,
          notes: [...item.notes, ...more.filter((n) => !known.has(n.id))],
        };
      } catch (error) {
        logger.warn(
          `  ${item.issue.webUrl}: reading its further notes over GraphQL failed (${(error as Error).message}); reading them all through REST`,
        );
        return { issue: item.issue, notes: await ports.issues.listNotes(item.issue.ref) };
      }
    });
    return { items, next: page.next };
  }

  async function restPage(page: number) {
    const { issues, next } = await rest.issuesPage(selection, label, page);
    const fresh = issues.filter((issue) => !seen.has(issue.id));
    const items = await mapLimit(fresh, limit, async (issue) => ({
      issue,
      notes: await ports.issues.listNotes(issue.ref),
    }));
    return { items, next };
  }

  async function* pages(): AsyncGenerator<IssueNotes[]> {
    let cursor: string | null = null;
    let restNext: number | null = 1;
    // The next page is read while the consumer checks this one.
    const read = (): Promise<{ items: IssueNotes[]; next: string | number | null }> =>
      path === "graphql" ? graphqlPage(cursor) : restPage(restNext ?? 1);
    let pending = guarded(read());
    for (;;) {
      let page: { items: IssueNotes[]; next: string | number | null };
      try {
        page = await pending.promise;
      } catch (error) {
        if (path !== "graphql" || !(error instanceof GitLabError)) throw error;
        logger.warn(
          `  GraphQL is not available on "${ports.issuesClient.name}" (${error.message}); reading the rollout issues through REST instead (one more request per issue)`,
        );
        path = "rest";
        pending = guarded(read());
        continue;
      }
      if (path === "graphql") cursor = page.next as string | null;
      else restNext = page.next as number | null;
      const done = page.next === null;
      if (!done) pending = guarded(read());
      const items = page.items.map(normalised);
      for (const item of items) seen.add(item.issue.id);
      yield items;
      if (done) return;
    }
  }

  return { pages: pages(), path: () => path };
}

/** A promise read later: its rejection is not "unhandled" while the consumer is busy. */
function guarded<T>(promise: Promise<T>): { promise: Promise<T> } {
  promise.catch(() => undefined);
  return { promise };
}
