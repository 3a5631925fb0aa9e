// The token's own user and the token itself: what a readiness check asks first
// (lib/api/users.rb, lib/api/personal_access_tokens/self_information.rb).

import type { ApiRoute } from "../context.js";
import { currentUserEntity, tokenEntity } from "../entities.js";
import { json } from "../http.js";

export const userRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/user",
    // API::Users also accepts read_user for GETs, listed before API::API's scopes.
    auth: { level: "user", extraScopes: [{ name: "read_user", methods: ["GET", "HEAD"] }] },
    handler: ({ auth, instanceUrl }) =>
      json(200, currentUserEntity(auth.user, auth.admin, instanceUrl)),
  },
  {
    method: "GET",
    pattern: "/personal_access_tokens/self",
    // "any token regardless of scope should be able to view/revoke itself"; an expired or
    // revoked one still gets the 401 every endpoint gives.
    auth: { level: "user", anyScope: true },
    handler: ({ auth, clock }) => json(200, tokenEntity(auth.token, clock.now())),
  },
];
