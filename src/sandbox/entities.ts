// GitLab's JSON for the records the sandbox serves (lib/api/entities/*.rb): field names,
// nulls and nesting as the API has them, so a client's zod schemas meet real shapes.

import { tokenActive } from "./auth.js";
import { flipperState, type Gates, gateEntries } from "./flipper.js";
import type {
  FlagDefinition,
  InstanceState,
  ProjectRecord,
  TokenRecord,
  UserRecord,
} from "./state.js";

type Json = Record<string, unknown>;

/** Feature::Definition::PARAMS, each exposed (null when the YAML lacks it). */
const DEFINITION_PARAMS = [
  "name",
  "feature_issue_url",
  "introduced_by_url",
  "rollout_issue_url",
  "milestone",
  "log_state_changes",
  "type",
  "group",
  "default_enabled",
] as const;

export function definitionEntity(definition: FlagDefinition): Json {
  return Object.fromEntries(DEFINITION_PARAMS.map((key) => [key, definition[key] ?? null]));
}

export function featureEntity(state: InstanceState, name: string, gates: Gates): Json {
  const definition = state.definitions.get(name);
  return {
    name,
    state: flipperState(gates),
    gates: gateEntries(gates),
    definition: definition ? definitionEntity(definition) : null,
  };
}

export function userBasic(user: UserRecord, instanceUrl: string): Json {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: user.state,
    locked: false,
    avatar_url: null,
    web_url: `${instanceUrl}/${user.username}`,
  };
}

/** GET /user: UserPublic, plus the admin-only fields (UserWithAdmin) for administrators. */
export function currentUserEntity(user: UserRecord, admin: boolean, instanceUrl: string): Json {
  const entity: Json = {
    ...userBasic(user, instanceUrl),
    created_at: user.createdAt,
    bio: "",
    public_email: null,
    bot: false,
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
  };
  if (admin) {
    entity.is_admin = true;
    entity.namespace_id = user.namespaceId;
  }
  return entity;
}

export function tokenEntity(token: TokenRecord, now: Date): Json {
  return {
    id: token.id,
    name: token.name,
    revoked: token.revoked,
    created_at: token.createdAt,
    description: token.description,
    scopes: [...token.scopes],
    user_id: token.userId,
    last_used_at: token.lastUsedAt,
    active: tokenActive(token, now),
    expires_at: token.expiresAt,
  };
}

function namespaceEntity(state: InstanceState, project: ProjectRecord, instanceUrl: string): Json {
  if (project.namespaceKind === "user") {
    const owner = state.users.find((user) => user.namespaceId === project.namespaceId);
    const path = owner?.username ?? "";
    return {
      id: project.namespaceId,
      name: owner?.name ?? path,
      path,
      kind: "user",
      full_path: path,
      parent_id: null,
      avatar_url: null,
      web_url: `${instanceUrl}/${path}`,
    };
  }
  const group = state.groupById(project.namespaceId);
  return {
    id: project.namespaceId,
    name: group?.name ?? "",
    path: group?.path ?? "",
    kind: "group",
    full_path: group?.fullPath ?? "",
    parent_id: group?.parentId ?? null,
    avatar_url: null,
    web_url: `${instanceUrl}/groups/${group?.fullPath ?? ""}`,
  };
}

function humanNamespace(state: InstanceState, project: ProjectRecord): string {
  if (project.namespaceKind === "user") {
    return state.users.find((user) => user.namespaceId === project.namespaceId)?.name ?? "";
  }
  const names: string[] = [];
  let group = state.groupById(project.namespaceId);
  while (group) {
    names.unshift(group.name);
    group = group.parentId === null ? undefined : state.groupById(group.parentId);
  }
  return names.join(" / ");
}

export function projectEntity(
  state: InstanceState,
  project: ProjectRecord,
  instanceUrl: string,
): Json {
  const webUrl = `${instanceUrl}/${project.pathWithNamespace}`;
  return {
    id: project.id,
    description: project.description,
    name: project.name,
    name_with_namespace: `${humanNamespace(state, project)} / ${project.name}`,
    path: project.path,
    path_with_namespace: project.pathWithNamespace,
    created_at: project.createdAt,
    default_branch: project.defaultBranch,
    tag_list: [],
    topics: [],
    http_url_to_repo: `${webUrl}.git`,
    web_url: webUrl,
    readme_url: null,
    avatar_url: null,
    forks_count: 0,
    star_count: 0,
    last_activity_at: project.createdAt,
    namespace: namespaceEntity(state, project, instanceUrl),
    visibility: project.memberIds === null ? "internal" : "private",
    archived: false,
    empty_repo: false,
  };
}
