// An error about a secret names the key and the fix, never the value: not a token written where a
// variable's name belongs, not a password in an instance or issue URL, not any piece of either.

import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { mayQuote } from "../../../src/config/secrets.js";
import { ConfigError } from "../../../src/errors.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

const TOKEN = "glpat-Zr8wQ2mK5vN1xT7bY4cE";
const PASSWORD = "Hunter2Secret99";

function messages(config: object, env: Record<string, string> = BASE_ENV): string {
  const { dir, path } = writeConfig(config);
  try {
    loadConfig({ path, env, cwd: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

function expectNoPiece(text: string, secret: string) {
  for (let i = 0; i + 6 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 6));
}

describe("config errors about secrets", () => {
  const environments = baseConfig().environments as Record<string, Record<string, unknown>>;

  it("a token written into token_env: names the key and says where the token goes", () => {
    const text = messages({
      ...baseConfig(),
      environments: { ...environments, dev: { ...environments.dev, token_env: TOKEN } },
    });
    expect(text).toContain("environments.dev.token_env");
    expect(text).toContain("masked CI/CD variable");
    expectNoPiece(text, TOKEN);
  });

  it("a password in an instance URL, in the issues URL and in the rollout issue's URL", () => {
    const text = messages({
      ...baseConfig(),
      environments: {
        ...environments,
        dev: { ...environments.dev, url: `https://bot:${PASSWORD}@dev.example.com` },
      },
      issues: { url: `https://bot:${PASSWORD}@gitlab.example.com`, token_env: "FF_ISSUES_TOKEN" },
    });
    expect(text).toContain("environments.dev.url");
    expect(text).toContain("issues.url");
    expect(text).toContain("must not carry credentials");
    expectNoPiece(text, PASSWORD);
    const issue = messages({
      ...baseConfig(),
      rollout_issue: `https://bot:${PASSWORD}@elsewhere.example.com/g/p/-/issues/1`,
    });
    expect(issue).toContain("rollout_issue");
    expectNoPiece(issue, PASSWORD);
  });

  it("a token-like value passed through an FF_ROLLOUT_* variable", () => {
    const text = messages(baseConfig(), { ...BASE_ENV, FF_ROLLOUT_SOAK_MINUTES: TOKEN });
    expect(text).toContain("FF_ROLLOUT_SOAK_MINUTES");
    expectNoPiece(text, TOKEN);
  });

  it("still quotes ordinary values, so other errors stay easy to fix", () => {
    expect(mayQuote("soak_minutes", "ten")).toBe(true);
    expect(mayQuote("environments.dev.url", "http://dev.example.com")).toBe(true);
    expect(mayQuote("environments.dev.url", `https://u:${PASSWORD}@x.example`)).toBe(false);
    expect(mayQuote("flag", TOKEN)).toBe(false);
    expect(mayQuote("notify.0.webhook_url_env", "https://hooks.example/abc")).toBe(false);
  });
});
