// Authentication and authorisation as GitLab's API guard does them
// (lib/api/api_guard.rb, lib/gitlab/auth/auth_finders.rb, lib/api/helpers.rb#current_user,
// app/services/access_token_validation_service.rb).

import type { IncomingHttpHeaders } from "node:http";
import { ApiError, forbidden, type Params, unauthorized } from "./http.js";
import type { InstanceState, TokenRecord, UserRecord } from "./state.js";

/** A scope an endpoint accepts, optionally only for some methods (allow_access_with_scope). */
export interface ScopeRule {
  name: string;
  methods?: readonly string[];
}

/** What API::API registers for every endpoint: `api`, and `read_api` for GET/HEAD. */
export const API_SCOPES: readonly ScopeRule[] = [
  { name: "api" },
  { name: "read_api", methods: ["GET", "HEAD"] },
];

export interface AuthPolicy {
  /** "admin" = authenticated_as_admin! (403 "403 Forbidden" for others; see requireAdmin). */
  level: "user" | "admin";
  /** Scopes the endpoint class adds before API::API's (e.g. read_user on /user). */
  extraScopes?: readonly ScopeRule[];
  /** Any scope will do (personal_access_tokens/self). */
  anyScope?: boolean;
}

export interface AuthInfo {
  user: UserRecord;
  token: TokenRecord;
  /** Admin rights for this request (with Admin Mode on, only through an admin_mode token). */
  admin: boolean;
}

/**
 * The token a request carries, in GitLab's order: `private_token` param, PRIVATE-TOKEN
 * header, then an OAuth-style bearer (Authorization header or `access_token` param), which
 * GitLab also accepts for personal access tokens.
 */
export function extractToken(headers: IncomingHttpHeaders, params: Params): string | undefined {
  const fromParam = params.private_token;
  if (typeof fromParam === "string" && fromParam !== "") return fromParam;
  const header = headers["private-token"];
  if (typeof header === "string" && header !== "") return header;
  const authorization = headers.authorization;
  const bearer = typeof authorization === "string" ? /^Bearer\s+(.+)$/i.exec(authorization) : null;
  if (bearer?.[1]) return bearer[1].trim();
  const accessToken = params.access_token;
  if (typeof accessToken === "string" && accessToken !== "") return accessToken;
  return undefined;
}

function invalidToken(description: string): ApiError {
  // Rack::OAuth2 Bearer::Unauthorized: JSON body plus a WWW-Authenticate challenge.
  return new ApiError(
    401,
    { error: "invalid_token", error_description: description },
    {
      "WWW-Authenticate": `Bearer realm="The API", error="invalid_token", error_description="${description}"`,
    },
  );
}

/** A date-only expiry means "expired from midnight UTC that day" (Expirable#expired?). */
export function tokenExpired(token: TokenRecord, now: Date): boolean {
  return token.expiresAt !== null && Date.parse(`${token.expiresAt}T00:00:00Z`) <= now.getTime();
}

export function tokenActive(token: TokenRecord, now: Date): boolean {
  return !token.revoked && !tokenExpired(token, now);
}

export function authenticate(
  state: InstanceState,
  tokenValue: string | undefined,
  method: string,
  policy: AuthPolicy,
): AuthInfo {
  const now = state.clock.now();
  // No token, or one GitLab does not know: plain 401 (helpers.rb rescues UnauthorizedError).
  if (tokenValue === undefined) throw unauthorized();
  const token = state.tokenByValue(tokenValue);
  if (!token) throw unauthorized();
  // AccessTokenValidationService checks expiry before revocation.
  if (tokenExpired(token, now)) {
    throw invalidToken("Token is expired. You can either do re-authorization or token refresh.");
  }
  if (token.revoked)
    throw invalidToken("Token was revoked. You have to re-authorize from the user.");
  const user = state.userById(token.userId);
  if (!user) throw unauthorized();
  if (user.state === "blocked") throw forbidden("Your account has been blocked.");

  if (!policy.anyScope) {
    const registered = [...(policy.extraScopes ?? []), ...API_SCOPES];
    const usable = registered.filter((rule) => !rule.methods || rule.methods.includes(method));
    if (!usable.some((rule) => token.scopes.includes(rule.name))) {
      // The error lists every scope registered for the endpoint, conditional ones included
      // (api_guard.rb: InsufficientScopeError carries the endpoint's scopes); no challenge header.
      throw new ApiError(403, {
        error: "insufficient_scope",
        error_description:
          "The request requires higher privileges than provided by the access token.",
        scope: registered.map((rule) => rule.name).join(" "),
      });
    }
  }
  token.lastUsedAt = now.toISOString();
  // With Admin Mode on, an administrator's token acts as admin only with the admin_mode scope.
  const admin = user.admin && (!state.adminMode || token.scopes.includes("admin_mode"));
  return { user, token, admin };
}

/** authenticated_as_admin!: a user who is not (acting as) an administrator gets 403. */
export function requireAdmin(auth: AuthInfo, policy: AuthPolicy): void {
  if (policy.level === "admin" && !auth.admin) throw forbidden();
}
