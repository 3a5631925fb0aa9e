// The Features API: Admin::SetFeatureFlagService semantics and GitLab's error bodies.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  FLAG,
  GROUP_ID,
  PROJECT,
  PROJECT_ID,
  SUBGROUP,
  SUBGROUP_ID,
  singleInstanceSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: singleInstanceSeed() });
  api = client(sandbox, "dev", TOKENS.dev.admin);
});
afterEach(() => sandbox.close());

type Feature = {
  name: string;
  state: string;
  gates: { key: string; value: unknown }[];
  definition: unknown;
};
const set = (body: Record<string, unknown>, name = FLAG) =>
  api<Feature>("POST", `/features/${name}`, { body });
const listed = async (name = FLAG) =>
  (await api<Feature[]>("GET", "/features")).json.find((f) => f.name === name);

describe("GET /features", () => {
  it("omits a flag that was never set, lists a disabled one with boolean false", async () => {
    expect(await listed()).toBeUndefined();
    expect((await set({ value: "false" })).status).toBe(201);
    expect(await listed()).toEqual({
      name: FLAG,
      state: "off",
      gates: [{ key: "boolean", value: false }],
      definition: expect.objectContaining({
        name: FLAG,
        type: "gitlab_com_derisk",
        default_enabled: false,
      }),
    });
  });

  it("answers a JSON array with GitLab's content type", async () => {
    const reply = await api("GET", "/features");
    expect(reply.headers.get("content-type")).toBe("application/json");
    expect(reply.json).toEqual([]);
  });

  it("lists the YAML definitions with every definition field", async () => {
    const reply = await api<Record<string, unknown>[]>("GET", "/features/definitions");
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json[0] ?? {})).toEqual([
      "name",
      "feature_issue_url",
      "introduced_by_url",
      "rollout_issue_url",
      "milestone",
      "log_state_changes",
      "type",
      "group",
      "default_enabled",
    ]);
    expect(reply.json[0]?.feature_issue_url).toBeNull();
  });
});

describe("POST /features/:name state transitions", () => {
  it("true, 100 and 100.0 enable fully; false, 0 and 0.0 disable fully", async () => {
    for (const value of ["true", "100", "100.0"]) {
      await set({ value: "false" });
      const reply = await set({ value });
      expect(reply.status).toBe(201);
      expect(reply.json.state).toBe("on");
      expect(reply.json.gates).toEqual([{ key: "boolean", value: true }]);
    }
    for (const value of ["false", "0", "0.0"]) {
      await set({ value: "true" });
      expect((await set({ value })).json.gates).toEqual([{ key: "boolean", value: false }]);
    }
  });

  it("a number is a percentage of time by default, of actors with key", async () => {
    expect((await set({ value: "25" })).json.gates).toEqual([
      { key: "boolean", value: false },
      { key: "percentage_of_time", value: 25 },
    ]);
    const actors = await set({ value: "0.5", key: "percentage_of_actors" });
    expect(actors.json.state).toBe("conditional");
    expect(actors.json.gates).toEqual([
      { key: "boolean", value: false },
      { key: "percentage_of_actors", value: 0.5 },
      { key: "percentage_of_time", value: 25 },
    ]);
  });

  it("accepts JSON numbers and urlencoded forms", async () => {
    expect((await set({ value: 10 })).json.gates).toContainEqual({
      key: "percentage_of_time",
      value: 10,
    });
    const form = await api<Feature>("POST", `/features/${FLAG}`, {
      form: { value: "30", key: "percentage_of_actors" },
    });
    expect(form.json.gates).toContainEqual({ key: "percentage_of_actors", value: 30 });
  });

  it("100% of time is on, 100.00% of actors is only conditional", async () => {
    expect((await set({ value: "100.00" })).json.state).toBe("on");
    await set({ value: "false" });
    const actors = await set({ value: "100.00", key: "percentage_of_actors" });
    expect(actors.json.state).toBe("conditional");
  });

  it("enabling or disabling the boolean gate clears actors and percentages", async () => {
    await set({ value: "true", project: PROJECT });
    await set({ value: "40", key: "percentage_of_actors" });
    expect((await listed())?.gates).toHaveLength(3);
    expect((await set({ value: "false" })).json.gates).toEqual([{ key: "boolean", value: false }]);
    await set({ value: "true", project: PROJECT });
    expect((await set({ value: "true" })).json.gates).toEqual([{ key: "boolean", value: true }]);
  });

  it("records actors by flipper id for every actor kind", async () => {
    const reply = await set({
      value: "true",
      project: PROJECT,
      group: SUBGROUP,
      user: "dana",
      namespace: "gitlab-org,dana",
      repository: `${PROJECT}.git,${PROJECT}.wiki.git`,
      feature_group: "gitlab_team_members",
    });
    expect(reply.status).toBe(201);
    const dana = sandbox.state("dev").userByUsername("dana");
    const actors = reply.json.gates.find((g) => g.key === "actors")?.value as string[];
    expect(actors.slice(0, 5)).toEqual([
      "User:2",
      `Project:${PROJECT_ID}`,
      `Group:${SUBGROUP_ID}`,
      `Group:${GROUP_ID}`,
      `Namespaces::UserNamespace:${dana?.namespaceId}`,
    ]);
    expect(actors[5]).toMatch(/^Repository:@hashed\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.git$/);
    expect(actors[6]).toMatch(/\.wiki\.git$/);
    expect(reply.json.gates).toContainEqual({ key: "groups", value: ["gitlab_team_members"] });
    expect(reply.json.state).toBe("conditional");
  });

  it("disables one actor and leaves the others", async () => {
    await set({ value: "true", project: PROJECT, user: "dana" });
    const reply = await set({ value: "false", user: "dana" });
    expect(reply.json.gates).toContainEqual({ key: "actors", value: [`Project:${PROJECT_ID}`] });
  });

  it("DELETE answers 204 whether or not the flag exists, and removes it", async () => {
    await set({ value: "true" });
    const first = await api("DELETE", `/features/${FLAG}`);
    expect(first.status).toBe(204);
    expect(first.text).toBe("");
    expect(await listed()).toBeUndefined();
    expect((await api("DELETE", `/features/${FLAG}`)).status).toBe(204);
  });
});

describe("POST /features/:name errors", () => {
  it("an unknown actor fails the whole request and changes nothing", async () => {
    await set({ value: "false" });
    const reply = await set({ value: "true", project: `${PROJECT},gitlab-org/nope` });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ message: "400 Bad request - gitlab-org/nope is not found!" });
    expect(sandbox.state("dev").features.get(FLAG)?.actors).toEqual([]);
  });

  it("rejects key together with an actor param, in Grape's words", async () => {
    const reply = await set({ value: "10", key: "percentage_of_actors", project: PROJECT });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: "key, project are mutually exclusive" });
    const two = await set({
      value: "10",
      key: "percentage_of_actors",
      user: "dana",
      group: "gitlab-org",
    });
    expect(two.json).toEqual({
      error: "key, user are mutually exclusive, key, group are mutually exclusive",
    });
  });

  it("requires value", async () => {
    const reply = await set({ key: "percentage_of_time" });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: "value is missing" });
  });

  it("refuses a percentage on a fully enabled flag", async () => {
    await set({ value: "true" });
    expect((await set({ value: "10", key: "percentage_of_actors" })).json).toEqual({
      message: "400 Bad request - Cannot enable percentage of actors for a fully-enabled flag",
    });
    expect((await set({ value: "10" })).json).toEqual({
      message: "400 Bad request - Cannot enable percentage of time for a fully-enabled flag",
    });
  });

  it("refuses what is not a percentage, and a number for actors", async () => {
    expect((await set({ value: "ten", key: "percentage_of_actors" })).json).toEqual({
      message: "400 Bad request - Not a percentage",
    });
    expect((await set({ value: "yes" })).json).toEqual({
      message: `400 Bad request - Cannot set '${FLAG}' to "yes"`,
    });
    expect((await set({ value: "10", key: "bogus" })).json).toEqual({
      message: `400 Bad request - Cannot set '${FLAG}' ("bogus") to "10"`,
    });
    const reply = await set({ value: "50", project: PROJECT });
    expect(reply.status).toBe(400);
    expect((reply.json as unknown as { message: string }).message).toMatch(
      new RegExp(`^400 Bad request - Cannot set '${FLAG}' to "50" for `),
    );
  });

  it("answers 500 for a percentage above 100, as flipper raises and nothing rescues", async () => {
    const reply = await set({ value: "150" });
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({ message: "500 Internal Server Error" });
  });

  it("requires an administrator", async () => {
    const reply = await api("GET", "/features", { token: TOKENS.dev.user });
    expect(reply.status).toBe(403);
    expect(reply.json).toEqual({ message: "403 Forbidden" });
    expect(
      (await api("POST", `/features/${FLAG}`, { token: TOKENS.dev.user, body: { value: "true" } }))
        .status,
    ).toBe(403);
    expect(sandbox.state("dev").features.has(FLAG)).toBe(false);
  });
});
