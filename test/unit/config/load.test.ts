import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { ConfigError } from "../../../src/errors.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

function load(
  config: object | string,
  env: Record<string, string> = BASE_ENV,
  cli?: Record<string, unknown>,
) {
  const { dir, path } = writeConfig(config);
  return loadConfig({ path, env, cwd: dir, cli });
}

function problems(config: object | string, env: Record<string, string> = BASE_ENV): string[] {
  try {
    load(config, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return (error as ConfigError).problems.map((p) =>
      `${p.path}: ${p.message}`.replace(/^\/.*ff-rollout\.yml/, "ff-rollout.yml"),
    );
  }
  throw new Error("expected a ConfigError");
}

function without(key: string): Record<string, unknown> {
  const c = baseConfig();
  delete c[key];
  return c;
}

describe("loadConfig", () => {
  it("loads a valid config, resolving the issue reference and ChatOps names", () => {
    const { config, tokens } = load(baseConfig());
    expect(config.flag).toBe("my_flag");
    expect(config.rolloutIssue).toEqual({
      project: "gitlab-org/gitlab",
      iid: 42,
      webUrl: "https://gitlab.example.com/gitlab-org/gitlab/-/issues/42",
    });
    expect(config.environments.map((e) => [e.name, e.chatops])).toEqual([
      ["dev", "dev"],
      ["staging", "staging"],
      ["production", "production"],
    ]);
    expect(tokens.get("staging")).toBe(BASE_ENV.FF_STAGING_TOKEN);
    expect(JSON.stringify(config)).not.toContain("glpat-");
  });

  const bad: [string, Record<string, unknown> | string, string[]][] = [
    [
      "flag name with capitals",
      { ...baseConfig(), flag: "My-Flag" },
      [
        'flag: must be a GitLab feature flag name: lowercase letters, digits and underscores, starting with a letter (got "My-Flag")',
      ],
    ],
    [
      "missing flag",
      without("flag"),
      ["flag: is required: the feature flag's name, e.g. my_new_feature"],
    ],
    [
      "percentage of 100",
      { ...baseConfig(), percentages: [10, 100] },
      ["percentages.1: must be below 100 (100% is the global phase) (got 100)"],
    ],
    [
      "percentage of 0",
      { ...baseConfig(), percentages: [0, 10] },
      ["percentages.0: must be above 0 (0% is a rollback: use the rollback phase) (got 0)"],
    ],
    [
      "percentages out of order",
      { ...baseConfig(), percentages: [10, 5, 5] },
      [
        "percentages.1: must be above the step before it (5 after 10); list the percentages in ascending order without repeats",
        "percentages.2: must be above the step before it (5 after 5); list the percentages in ascending order without repeats",
      ],
    ],
    [
      "actors missing for an actor type",
      { ...baseConfig(), actors: [] },
      [
        'actors: is required when actor is "project": list the project paths to enable first, e.g. [gitlab-org/gitlab]',
      ],
    ],
    [
      "unknown actor type",
      { ...baseConfig(), actor: "team" },
      [
        'actor: must be one of project, group, user, namespace, repository, feature_group, none (none: the flag is checked without an actor) (got "team")',
      ],
    ],
    [
      "http to a remote host",
      {
        ...baseConfig(),
        environments: {
          ...(baseConfig().environments as object),
          dev: { url: "http://dev.example.com", token_env: "FF_DEV_TOKEN", tier: "non-production" },
        },
      },
      [
        'environments.dev.url: must use https (tokens would cross the network in clear); http is only allowed to a loopback host (got "http://dev.example.com")',
      ],
    ],
    [
      "a token pasted where its variable's name belongs",
      {
        ...baseConfig(),
        issues: { url: "https://gitlab.example.com", token_env: "glpat-abc.def" },
      },
      [
        "issues.token_env: must be the name of a variable (letters, digits, underscores), not the token itself; put the token in a masked CI/CD variable and name it here",
      ],
    ],
    [
      "unknown key",
      { ...baseConfig(), soak_minute: 5 },
      [
        "soak_minute: unknown key; remove it or check its spelling (see the README's configuration reference)",
      ],
    ],
    [
      "no production environment",
      {
        ...baseConfig(),
        environments: {
          dev: {
            url: "https://dev.example.com",
            token_env: "FF_DEV_TOKEN",
            tier: "non-production",
          },
        },
      },
      ["environments: needs one environment with tier: production"],
    ],
    [
      "tier misspelt",
      {
        ...baseConfig(),
        environments: {
          ...(baseConfig().environments as object),
          dev: { url: "https://dev.example.com", token_env: "FF_DEV_TOKEN", tier: "staging" },
        },
      },
      ['environments.dev.tier: must be "non-production" or "production" (got "staging")'],
    ],
    [
      "rollout issue on another host",
      { ...baseConfig(), rollout_issue: "https://other.example.com/g/p/-/issues/1" },
      [
        'rollout_issue: "https://other.example.com/g/p/-/issues/1" is on https://other.example.com, but issues.url is https://gitlab.example.com; the rollout issue must live on the issues instance (or change issues.url)',
      ],
    ],
    [
      "rollout issue that is no issue",
      { ...baseConfig(), rollout_issue: "see the wiki" },
      [
        'rollout_issue: "see the wiki" is neither an issue URL nor a reference; write https://gitlab.example.com/group/project/-/issues/42 or group/project#42',
      ],
    ],
    [
      "a second environment claiming the same ChatOps name",
      {
        ...baseConfig(),
        environments: {
          ...(baseConfig().environments as object),
          gstg: {
            url: "https://gstg.example.com",
            token_env: "FF_DEV_TOKEN",
            tier: "non-production",
            chatops: "staging",
          },
        },
      },
      [
        'environments.gstg.chatops: "staging" is already the ChatOps name of "staging"; give each environment its own',
      ],
    ],
    [
      "a YAML list instead of a mapping",
      "- flag\n- other\n",
      ["ff-rollout.yml: must be a YAML mapping of keys (flag:, environments:, ...)"],
    ],
  ];

  it.each(bad)(
    "rejects %s with a message naming the field, the value and the fix",
    (_name, config, expected) => {
      expect(problems(config)).toEqual(expected);
    },
  );

  it("reports every problem at once", () => {
    const found = problems({ ...baseConfig(), flag: "Bad", percentages: [50, 10], actor: "team" });
    expect(found).toHaveLength(3);
  });

  it("reports invalid YAML with its line and column", () => {
    const found = problems("flag: my_flag\nenvironments:\n  dev: { url: https://x\n");
    expect(found[0]).toMatch(/^ff-rollout\.yml:4:1: invalid YAML: /);
  });

  it("names the variable and the instance when a token is missing", () => {
    const env: Record<string, string> = { ...BASE_ENV };
    delete env.FF_STAGING_TOKEN;
    expect(problems(baseConfig(), env)).toEqual([
      'environments.staging.token_env: variable FF_STAGING_TOKEN is not set or empty; it must hold the token for "staging" (an administrator\'s personal access token with api scope). Add it as a masked CI/CD variable',
    ]);
  });

  it("says where the config file was expected when it is missing", () => {
    expect(() => loadConfig({ env: BASE_ENV, cwd: "/nonexistent-dir" })).toThrow(
      ".gitlab/ff-rollout.yml: config file not found here or in a folder above, up to the repository's root; create it (see the README's configuration section) or pass --config PATH",
    );
  });

  it("lets FF_ROLLOUT_* variables override the file, and CLI flags override both", () => {
    const env = {
      ...BASE_ENV,
      FF_ROLLOUT_FLAG: "from_env",
      FF_ROLLOUT_PERCENTAGES: "[5, 50]",
      FF_ROLLOUT_ACTORS: "a/b,c/d",
    };
    const fromEnv = load(baseConfig(), env).config;
    expect(fromEnv.flag).toBe("from_env");
    expect(fromEnv.percentages).toEqual([5, 50]);
    expect(fromEnv.actors).toEqual(["a/b", "c/d"]);
    expect(load(baseConfig(), env, { flag: "from_cli" }).config.flag).toBe("from_cli");
  });

  it("treats an empty FF_ROLLOUT_* variable (an empty component input) as not set", () => {
    expect(load(baseConfig(), { ...BASE_ENV, FF_ROLLOUT_FLAG: "" }).config.flag).toBe("my_flag");
    // An array input left at its default [] arrives as JSON text with GitLab's trailing newline.
    expect(load(baseConfig(), { ...BASE_ENV, FF_ROLLOUT_ACTORS: "[]\n" }).config.actors).toEqual([
      "gitlab-org/gitlab",
    ]);
  });

  it("rejects a malformed override with the variable's name", () => {
    expect(problems(baseConfig(), { ...BASE_ENV, FF_ROLLOUT_SOAK_MINUTES: "soon" })).toEqual([
      'FF_ROLLOUT_SOAK_MINUTES: "soon" is not a number',
    ]);
  });

  it("accepts http to loopback (the sandbox) and short issue references", () => {
    const urls = {
      dev: "http://127.0.0.1:4000/dev",
      staging: "http://localhost:4000/staging",
      production: "http://127.0.0.1:4000/production",
    };
    const { config } = load({ ...baseConfig(urls), rollout_issue: "gitlab-org/gitlab#7" });
    expect(config.rolloutIssue.webUrl).toBe(
      "http://127.0.0.1:4000/production/gitlab-org/gitlab/-/issues/7",
    );
  });
});
