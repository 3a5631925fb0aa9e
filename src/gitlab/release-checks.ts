// The ReleasePort over GitLab: definitions, merge requests and deployments on the issues
// instance (where the code lives), with each project read once per run.

import type {
  DefinitionLookup,
  DeploymentCheck,
  MergeRequestState,
  ReleasePort,
} from "../engine/release-port.js";
import type { GitLabClient } from "./client.js";
import { findDefinition } from "./definitions.js";
import { checkDeployments } from "./deployments.js";
import { readMergeRequest } from "./merge-requests.js";
import { ProjectCache } from "./projects.js";

export class GitLabReleaseChecks implements ReleasePort {
  private readonly projects: ProjectCache;

  constructor(private readonly client: GitLabClient) {
    this.projects = new ProjectCache(client);
  }

  async findDefinition(project: string, flag: string): Promise<DefinitionLookup> {
    return findDefinition(this.client, await this.projects.get(project), flag);
  }

  mergeRequest(url: string): Promise<MergeRequestState> {
    return readMergeRequest(this.client, this.projects, url);
  }

  deployments(project: string, commit: string, environments: string[]): Promise<DeploymentCheck[]> {
    return checkDeployments(this.client, project, commit, environments);
  }
}
