// GET /projects/:id, by numeric id or URL-encoded full path (lib/api/projects.rb).

import type { ApiRoute } from "../context.js";
import { projectEntity } from "../entities.js";
import { json } from "../http.js";
import { findProject } from "../lookup.js";

export const projectRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/projects/:id",
    auth: { level: "user" },
    handler: (ctx) => json(200, projectEntity(ctx.state, findProject(ctx), ctx.instanceUrl)),
  },
];
