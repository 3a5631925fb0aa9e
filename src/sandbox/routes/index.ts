// Every API route the sandbox serves. Adding an endpoint: one file in this folder exporting
// ApiRoute[], and one line here.

import type { ApiRoute } from "../context.js";
import { featureRoutes } from "./features.js";
import { issueRoutes } from "./issues.js";
import { noteRoutes } from "./notes.js";
import { projectRoutes } from "./projects.js";
import { userRoutes } from "./user.js";

export const apiRoutes: readonly ApiRoute[] = [
  ...featureRoutes,
  ...projectRoutes,
  ...issueRoutes,
  ...noteRoutes,
  ...userRoutes,
];
