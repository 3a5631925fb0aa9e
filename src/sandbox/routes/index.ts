// Every API route the sandbox serves. Adding an endpoint: one file in this folder exporting
// ApiRoute[], and one line here.

import type { ApiRoute } from "../context.js";
import { actorRoutes } from "./actors.js";
import { branchRoutes } from "./branches.js";
import { commitRoutes } from "./commits.js";
import { deploymentRoutes } from "./deployments.js";
import { featureRoutes } from "./features.js";
import { issueLinkRoutes } from "./issue-links.js";
import { issueRoutes } from "./issues.js";
import { issueCreateRoutes } from "./issues-create.js";
import { issueListRoutes } from "./issues-list.js";
import { mergeRequestCommitRoutes } from "./merge-request-commits.js";
import { mergeRequestReadRoutes } from "./merge-requests.js";
import { mergeRequestWriteRoutes } from "./merge-requests-write.js";
import { milestoneRoutes } from "./milestones.js";
import { noteRoutes } from "./notes.js";
import { projectRoutes } from "./projects.js";
import { repositoryFileRoutes } from "./repository-files.js";
import { searchRoutes } from "./search.js";
import { userRoutes } from "./user.js";

export const apiRoutes: readonly ApiRoute[] = [
  ...featureRoutes,
  ...projectRoutes,
  ...actorRoutes,
  ...issueRoutes,
  ...issueListRoutes,
  ...issueCreateRoutes,
  ...issueLinkRoutes,
  ...noteRoutes,
  ...userRoutes,
  ...repositoryFileRoutes,
  ...commitRoutes,
  ...branchRoutes,
  ...mergeRequestReadRoutes,
  ...mergeRequestCommitRoutes,
  ...mergeRequestWriteRoutes,
  ...deploymentRoutes,
  ...milestoneRoutes,
  ...searchRoutes,
];
