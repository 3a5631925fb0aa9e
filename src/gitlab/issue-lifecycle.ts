// Opening and closing issues, for the cleanup phase: the state and labels of the rollout and
// feature issues, closing them (PUT /projects/:id/issues/:iid state_event=close), and the
// optional cleanup issue (POST /projects/:id/issues), found again by its title so a re-run does
// not open a second one. Apart from issues.ts, which reads and edits the rollout issue's text.

import { z } from "zod";
import { type IssueRef, parseIssueRef } from "../config/issue-ref.js";
import { GitLabError } from "../errors.js";
import type { SafeMarkdown } from "../report/safe-markdown.js";
import type { GitLabClient } from "./client.js";
import { outgoing } from "./outgoing.js";

export interface IssueSummary {
  ref: IssueRef;
  title: string;
  /** "opened" or "closed". */
  state: string;
  labels: string[];
  milestoneId: number | null;
}

/** Built by safe-markdown.ts: GitLab runs quick actions in a new issue's description. */
export interface NewIssue {
  title: SafeMarkdown;
  description: SafeMarkdown;
  labels: string[];
  milestoneId: number | null;
}

export interface IssueLifecycle {
  summary(ref: IssueRef): Promise<IssueSummary>;
  close(ref: IssueRef): Promise<void>;
  create(project: string, issue: NewIssue): Promise<IssueSummary>;
  /** The issue of the project with exactly this title (any state), searching for `search`. */
  findByTitle(project: string, title: string, search: string): Promise<IssueSummary | undefined>;
}

const issue = z.looseObject({
  iid: z.number(),
  title: z.string(),
  state: z.string(),
  web_url: z.string(),
  labels: z.array(z.string()).default([]),
  milestone: z.looseObject({ id: z.number() }).nullable().optional(),
});

export class GitLabIssueLifecycle implements IssueLifecycle {
  constructor(private readonly client: GitLabClient) {}

  async summary(ref: IssueRef): Promise<IssueSummary> {
    return this.toSummary(await this.client.issues.show(ref.iid, { projectId: ref.project }));
  }

  async close(ref: IssueRef): Promise<void> {
    await this.client.issues.edit(ref.project, ref.iid, { stateEvent: "close" } as never);
  }

  async create(project: string, input: NewIssue): Promise<IssueSummary> {
    const body = await this.client.issues.create(project, outgoing(input.title, "issue title"), {
      description: outgoing(input.description, "issue description"),
      ...(input.labels.length > 0 ? { labels: input.labels.join(",") } : {}),
      ...(input.milestoneId !== null ? { milestoneId: input.milestoneId } : {}),
    } as never);
    return this.toSummary(body);
  }

  async findByTitle(
    project: string,
    title: string,
    search: string,
  ): Promise<IssueSummary | undefined> {
    // Every state: a cleanup issue someone already closed must not be opened again.
    const body = await this.client.issues.all({
      projectId: project,
      search,
      state: "all",
      perPage: 100,
    } as never);
    const list = this.parse(z.array(issue), body);
    const found = list.find((i) => sameTitle(i.title, title));
    return found && this.toSummary(found);
  }

  private toSummary(body: unknown): IssueSummary {
    const i = this.parse(issue, body);
    const ref = parseIssueRef(i.web_url, this.client.url);
    if ("error" in ref) {
      throw new GitLabError(
        `an issue's web_url ${i.web_url} is not on "${this.client.name}" (${this.client.url})`,
        "invalid-response",
        { instance: this.client.name, method: "GET", path: "issues" },
      );
    }
    return {
      ref,
      title: i.title,
      state: i.state,
      labels: i.labels,
      milestoneId: i.milestone?.id ?? null,
    };
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new GitLabError(
      `an issue answer from "${this.client.name}" has a shape we do not understand (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}).`,
      "invalid-response",
      { instance: this.client.name, method: "GET", path: "issues" },
    );
  }
}

/**
 * Titles equal but for code marks, spacing and case: GitLab's template suggests
 * "[Feature flag] Cleanup <flag>", ours writes the flag as code; a person may type either.
 */
export function sameTitle(a: string, b: string): boolean {
  const plain = (title: string) =>
    title.replace(/`/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  return plain(a) === plain(b);
}
