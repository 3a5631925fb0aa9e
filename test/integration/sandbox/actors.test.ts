// Resolving actors: the sandbox's groups, users and namespaces endpoints answer as GitLab's do,
// and GitLabActors turns actor paths into the ids the Features API's gates hold.

import { describe, expect, it } from "vitest";
import { GitLabActors } from "../../../src/gitlab/actors.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import {
  DEVELOPER,
  GROUP_ID,
  PROJECT,
  PROJECT_ID,
  SUBGROUP,
  SUBGROUP_ID,
  singleInstanceSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { call } from "./client.js";

describe("actor endpoints", () => {
  const sb = useStrictSandbox(() => singleInstanceSeed());
  const token = TOKENS.dev.admin;

  it("finds groups by path or id, and answers GitLab's 404 otherwise", async () => {
    sb.expectRequests(["GET /dev/api/v4/groups/:id"]);
    const byPath = await call<{ id: number; full_path: string }>(
      sb.sandbox,
      "dev",
      "GET",
      `/groups/${encodeURIComponent(SUBGROUP)}`,
      { token },
    );
    expect(byPath.json).toMatchObject({ id: SUBGROUP_ID, full_path: SUBGROUP });
    expect((await call(sb.sandbox, "dev", "GET", `/groups/${GROUP_ID}`, { token })).status).toBe(
      200,
    );
    const missing = await call(sb.sandbox, "dev", "GET", "/groups/nobody", { token });
    expect([missing.status, missing.json]).toEqual([404, { message: "404 Group Not Found" }]);
  });

  it("lists users by username, empty when nobody has it", async () => {
    sb.expectRequests(["GET /dev/api/v4/users"]);
    const found = await call<{ id: number }[]>(
      sb.sandbox,
      "dev",
      "GET",
      `/users?username=${DEVELOPER.username.toUpperCase()}`,
      { token },
    );
    expect(found.json.map((u) => u.id)).toEqual([DEVELOPER.id]);
    expect((await call(sb.sandbox, "dev", "GET", "/users?username=ghost", { token })).json).toEqual(
      [],
    );
  });

  it("tells group namespaces from user namespaces", async () => {
    sb.expectRequests(["GET /dev/api/v4/namespaces/:id"]);
    expect(
      (await call(sb.sandbox, "dev", "GET", "/namespaces/gitlab-org", { token })).json,
    ).toMatchObject({ id: GROUP_ID, kind: "group" });
    expect(
      (await call(sb.sandbox, "dev", "GET", `/namespaces/${DEVELOPER.username}`, { token })).json,
    ).toMatchObject({ kind: "user" });
    const missing = await call(sb.sandbox, "dev", "GET", "/namespaces/nobody", { token });
    expect([missing.status, missing.json]).toEqual([404, { message: "404 Namespace Not Found" }]);
  });

  it("resolves every actor type to the ids GitLab's gates hold, and names an unknown one", async () => {
    sb.expectRequests(["GET /dev/api/v4/:p0/:p1", "GET /dev/api/v4/users"]);
    const client = new GitLabClient(
      { name: "dev", url: sb.instanceUrl("dev"), tokenEnv: "FF_DEV_TOKEN", token },
      { logger: captureLogger().logger, timeoutMs: 5000 },
    );
    const actors = new GitLabActors(client);
    expect(await actors.resolve("project", [PROJECT])).toEqual([`Project:${PROJECT_ID}`]);
    expect(await actors.resolve("group", ["gitlab-org", SUBGROUP])).toEqual([
      `Group:${GROUP_ID}`,
      `Group:${SUBGROUP_ID}`,
    ]);
    expect(await actors.resolve("user", [DEVELOPER.username])).toEqual([`User:${DEVELOPER.id}`]);
    expect((await actors.resolve("namespace", [DEVELOPER.username]))?.[0]).toMatch(
      /^Namespaces::UserNamespace:\d+$/,
    );
    expect(await actors.resolve("feature_group", ["gitlab_team_members"])).toEqual([
      "gitlab_team_members",
    ]);
    expect(await actors.resolve("repository", ["gitlab-org/gitlab.git"])).toBeUndefined();
    await expect(actors.resolve("project", ["gitlab-org/nope"])).rejects.toThrow(
      'project "gitlab-org/nope" does not exist on "dev" (or its token cannot see it); fix actors: in the config',
    );
  });
});
