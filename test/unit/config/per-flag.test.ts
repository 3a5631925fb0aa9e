// One config file for several flags: each flag may have its own actor and actors under
// flags.<name>, which the include's inputs still override; an include that changes only the
// kind of actor is refused instead of sending the shared paths as the wrong kind.

import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { ConfigError } from "../../../src/errors.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

const shared = {
  ...baseConfig(),
  flag: undefined,
  flags: {
    group_flag: { actor: "group", actors: ["gitlab-org"] },
    plain_flag: { actor: "none" },
  },
};

function load(config: object, env: Record<string, string> = {}) {
  const { dir, path } = writeConfig(JSON.parse(JSON.stringify(config)));
  return loadConfig({ path, env: { ...BASE_ENV, ...env }, cwd: dir }).config;
}

function problems(config: object, env: Record<string, string> = {}): string[] {
  try {
    load(config, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected a ConfigError");
}

describe("per-flag actors", () => {
  it("uses the flag's own actor and actors, and the shared ones for other flags", () => {
    const group = load(shared, { FF_ROLLOUT_FLAG: "group_flag" });
    expect([group.actor, group.actors]).toEqual(["group", ["gitlab-org"]]);
    const plain = load(shared, { FF_ROLLOUT_FLAG: "plain_flag" });
    expect([plain.actor, plain.actors]).toEqual(["none", []]);
    const other = load(shared, { FF_ROLLOUT_FLAG: "other_flag" });
    expect([other.actor, other.actors]).toEqual(["project", ["gitlab-org/gitlab"]]);
  });

  it("lets the include's inputs override the flag's own settings", () => {
    const config = load(shared, {
      FF_ROLLOUT_FLAG: "group_flag",
      FF_ROLLOUT_ACTORS: '["gitlab-com"]',
    });
    expect([config.actor, config.actors]).toEqual(["group", ["gitlab-com"]]);
  });

  it("refuses an actor input that would send the shared paths as another kind", () => {
    expect(problems(shared, { FF_ROLLOUT_FLAG: "other_flag", FF_ROLLOUT_ACTOR: "group" })).toEqual([
      'actor: is "group" from FF_ROLLOUT_ACTOR (the include\'s actor input) while the actors come from the config file, where they are for actor "project"; give the include\'s actors input too, or put this flag\'s own actor and actors under flags.other_flag in the config file',
    ]);
    // With its own actors, or the same kind as the file's, it is fine.
    const both = load(shared, {
      FF_ROLLOUT_FLAG: "other_flag",
      FF_ROLLOUT_ACTOR: "group",
      FF_ROLLOUT_ACTORS: "gitlab-org",
    });
    expect(both.actors).toEqual(["gitlab-org"]);
    expect(load(shared, { FF_ROLLOUT_FLAG: "x", FF_ROLLOUT_ACTOR: "project" }).actor).toBe(
      "project",
    );
  });

  it("requires a flag's own actors with its own kind of actor, naming the path", () => {
    const config = { ...shared, flags: { group_flag: { actor: "group" } } };
    expect(problems(config, { FF_ROLLOUT_FLAG: "other_flag" })).toEqual([
      'flags.group_flag.actors: is required with flags.group_flag.actor "group": list this flag\'s group paths here (a flag with its own kind of actor needs its own actors)',
    ]);
  });
});
