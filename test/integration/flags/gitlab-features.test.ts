// The Features API backend against the sandbox over HTTP: every transition, actors in one
// request, GitLab's fully-on-to-percentage rule.

import { describe, expect, it } from "vitest";
import { GitLabError } from "../../../src/errors.js";
import { GitLabFeatures } from "../../../src/flags/gitlab-features.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, PROJECT, PROJECT_ID, singleInstanceSeed, TOKENS } from "../../helpers/seeds.js";

const GET = "GET /dev/api/v4/features";
const POST = "POST /dev/api/v4/features/:name";

describe("GitLabFeatures", () => {
  const sb = useStrictSandbox(() => singleInstanceSeed());

  function backend(token = TOKENS.dev.admin) {
    const client = new GitLabClient(
      { name: "dev", url: sb.instanceUrl("dev"), tokenEnv: "FF_DEV_TOKEN", token },
      { logger: captureLogger().logger, timeoutMs: 5000, sleep: async () => {} },
    );
    return new GitLabFeatures(client);
  }

  it("reads a flag that was never set as absent and off", async () => {
    sb.expectRequests([{ request: GET, times: 1 }]);
    const state = await backend().read(FLAG);
    expect(state).toMatchObject({ exists: false, state: "off", boolean: false });
  });

  it("walks every state transition and reads back what GitLab answered", async () => {
    sb.expectRequests([
      { request: POST, times: 6 },
      { request: "DELETE /dev/api/v4/features/:name", times: 1 },
      GET,
    ]);
    const flags = backend();
    expect(await flags.apply(FLAG, { kind: "enable" })).toMatchObject({
      state: "on",
      boolean: true,
    });
    expect(await flags.apply(FLAG, { kind: "disable" })).toMatchObject({
      state: "off",
      boolean: false,
      exists: true,
    });
    expect(
      await flags.apply(FLAG, { kind: "percentage", of: "actors", percentage: 25 }),
    ).toMatchObject({
      state: "conditional",
      percentageOfActors: 25,
    });
    expect(
      await flags.apply(FLAG, { kind: "percentage", of: "time", percentage: 12.5 }),
    ).toMatchObject({
      percentageOfActors: 25,
      percentageOfTime: 12.5,
    });
    const actors = await flags.apply(FLAG, {
      kind: "actors",
      actorType: "project",
      actors: [PROJECT],
    });
    expect(actors.actors).toEqual([`Project:${PROJECT_ID}`]);
    // Setting the boolean gate clears every other gate (Flipper).
    expect(await flags.apply(FLAG, { kind: "enable" })).toMatchObject({
      boolean: true,
      actors: [],
      percentageOfActors: 0,
      percentageOfTime: 0,
    });
    expect(await flags.apply(FLAG, { kind: "delete" })).toMatchObject({ exists: false });
    expect((await flags.read(FLAG)).exists).toBe(false);
  });

  it("enables several actors in one comma-separated request, as ChatOps does", async () => {
    sb.expectRequests([{ request: POST, times: 1 }]);
    const state = await backend().apply(FLAG, {
      kind: "actors",
      actorType: "group",
      actors: ["gitlab-org", "gitlab-org/ci"],
    });
    expect(state.actors).toEqual(["Group:9970", "Group:9971"]);
    const [request] = sb.requests({ method: "POST" });
    expect(request?.body).toEqual({ value: "true", group: "gitlab-org,gitlab-org/ci" });
  });

  it("surfaces GitLab's refusal of a percentage on a fully-enabled flag as a typed error", async () => {
    sb.expectRequests([{ request: POST, times: 2 }]);
    const flags = backend();
    await flags.apply(FLAG, { kind: "enable" });
    const error = await flags
      .apply(FLAG, { kind: "percentage", of: "actors", percentage: 10 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect(error.kind).toBe("bad-request");
    expect(error.message).toContain("Cannot enable percentage of actors for a fully-enabled flag");
  });

  it("names the instance and the variable when the token is not an administrator's", async () => {
    sb.expectRequests([{ request: GET, times: 1 }]);
    const error = await backend(TOKENS.dev.user)
      .read(FLAG)
      .catch((e) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect(error.message).toContain(
      "The token in FF_DEV_TOKEN is not an administrator's token: the Features API needs an administrator's personal access token with api scope on \"dev\".",
    );
    expect(error.exitCode).toBe(3);
  });
});
