// The ReleasePort over GitLab: definitions, merge requests, deployments, the writes of the
// release and cleanup phases, code search and the release check, all on the issues instance
// (where the code lives), with each project read once per run.

import { Commits, RepositoryFiles } from "@gitbeaker/rest";
import { z } from "zod";
import type {
  CodeMatch,
  CommitMessage,
  DefinitionLookup,
  DeploymentCheck,
  MergeRequestChange,
  MergeRequestState,
  ReleaseInclusion,
  ReleasePort,
  RepositoryFile,
} from "../engine/release-port.js";
import type { ReleaseRefs } from "../engine/release-refs.js";
import type { GitLabClient } from "./client.js";
import { searchCode } from "./code-search.js";
import { decodeContent, findDefinition } from "./definitions.js";
import { checkDeployments, type LatestDeployment, latestDeployment } from "./deployments.js";
import { mergeRequestCommits } from "./merge-request-commits.js";
import { mergeRequestFromBranch, openMergeRequest } from "./merge-request-writer.js";
import { readMergeRequest } from "./merge-requests.js";
import { orAbsent } from "./not-found.js";
import { ProjectCache } from "./projects.js";
import { releaseInclusion } from "./release-check.js";

const file = z.looseObject({
  content: z.string(),
  encoding: z.string(),
  last_commit_id: z.string(),
});
const commit = z.looseObject({ parent_ids: z.array(z.string()) });

export class GitLabReleaseChecks implements ReleasePort {
  private readonly projects: ProjectCache;
  /** Where each flag's definition was found in this run, by project and flag: read there first. */
  private readonly definitionPaths = new Map<string, string>();
  private readonly latestDeployments = new Map<string, Promise<LatestDeployment>>();

  constructor(
    private readonly client: GitLabClient,
    projects?: ProjectCache,
  ) {
    this.projects = projects ?? new ProjectCache(client);
  }

  async findDefinition(project: string, flag: string, at?: string): Promise<DefinitionLookup> {
    const key = `${project}\0${flag}`;
    const info = () => this.projects.get(project);
    const lookup = await findDefinition(
      this.client,
      { path: project, info },
      flag,
      at,
      this.definitionPaths.get(key),
    );
    const path = lookup.found ? lookup.definition.path : "path" in lookup ? lookup.path : undefined;
    if (path !== undefined) this.definitionPaths.set(key, path);
    return lookup;
  }

  async firstParent(project: string, sha: string): Promise<string | undefined> {
    const body = await orAbsent(this.client.resource(Commits).show(project, sha));
    return body === undefined ? undefined : commit.parse(body).parent_ids[0];
  }

  mergeRequest(url: string): Promise<MergeRequestState> {
    return readMergeRequest(this.client, this.projects, url);
  }

  deployments(project: string, commit: string, environments: string[]): Promise<DeploymentCheck[]> {
    return checkDeployments(this.client, project, commit, environments, (environment) =>
      this.latest(project, environment),
    );
  }

  prefetchDeployments(project: string, environments: string[]): void {
    for (const environment of environments) this.latest(project, environment);
  }

  /** Each environment's latest deployment, read once per run. */
  private latest(project: string, environment: string): Promise<LatestDeployment> {
    const key = `${project}\n${environment}`;
    let found = this.latestDeployments.get(key);
    if (!found) {
      found = latestDeployment(this.client, project, environment);
      // A prefetch nobody asks for (the MR is not merged) must not fail the run.
      found.catch(() => undefined);
      this.latestDeployments.set(key, found);
    }
    return found;
  }

  mergeRequestFromBranch(project: string, branch: string): Promise<MergeRequestState | undefined> {
    return mergeRequestFromBranch(this.client, this.projects, project, branch);
  }

  openMergeRequest(change: MergeRequestChange): Promise<MergeRequestState> {
    return openMergeRequest(this.client, this.projects, change);
  }

  async readFile(project: string, path: string): Promise<RepositoryFile | undefined> {
    const { defaultBranch } = await this.projects.get(project);
    const body = await orAbsent(
      this.client.resource(RepositoryFiles).show(project, path, defaultBranch),
    );
    if (body === undefined) return undefined;
    const parsed = file.parse(body);
    return { path, content: decodeContent(parsed), lastCommitId: parsed.last_commit_id };
  }

  mergeRequestCommits(project: string, iid: number): Promise<CommitMessage[]> {
    return mergeRequestCommits(this.client, project, iid);
  }

  searchCode(project: string, text: string): Promise<CodeMatch[]> {
    return searchCode(this.client, project, text);
  }

  releaseInclusion(
    project: string,
    commit: string,
    release: ReleaseRefs,
  ): Promise<ReleaseInclusion> {
    return releaseInclusion(this.client, project, commit, release);
  }
}
