// The notify: key: off when absent, destinations by variable name, and every bad value named with
// its path and fix, never quoting a URL pasted where a variable's name belongs.

import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { ConfigError } from "../../../src/errors.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

function load(extra: Record<string, unknown>) {
  const { dir, path } = writeConfig({ ...baseConfig(), ...extra });
  return loadConfig({ path, env: BASE_ENV, cwd: dir });
}

function problems(extra: Record<string, unknown>) {
  try {
    load(extra);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected a ConfigError");
}

const PASTED = "https://hooks.slack.com/services/T000/B000/pastedsecret123456";

describe("notify config", () => {
  it("is empty when absent, and every event for a destination without events:", () => {
    expect(load({}).config.notify).toEqual([]);
    const { config } = load({
      notify: [
        { slack_webhook_env: "FF_SLACK_PRODUCTION" },
        { webhook_url_env: "FF_WEBHOOK_TEAM", events: ["changed"], phases: ["rollout", "global"] },
      ],
    });
    expect(config.notify).toEqual([
      {
        kind: "slack",
        urlEnv: "FF_SLACK_PRODUCTION",
        events: ["changed", "refused", "breached", "rolled-back", "announced"],
        phases: undefined,
      },
      {
        kind: "webhook",
        urlEnv: "FF_WEBHOOK_TEAM",
        events: ["changed"],
        phases: ["rollout", "global"],
      },
    ]);
  });

  it("names the field and the fix for each bad destination, and never quotes a pasted URL", () => {
    const found = problems({
      notify: [
        { slack_webhook_env: PASTED },
        { webhook_url_env: "FF_HOOK", events: ["deployed"] },
        { webhook_url_env: "FF_HOOK", phases: ["watch-me"] },
        { events: ["changed"] },
        { slack_webhook_env: "A", webhook_url_env: "B" },
        { slack_webhook_env: "A", url: "x" },
      ],
    });
    const text = found.join("\n");
    expect(text).not.toContain("pastedsecret");
    expect(text).not.toContain("hooks.slack.com");
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^notify\.0\.slack_webhook_env: must be a variable's name .*masked CI\/CD variable/,
        ),
        expect.stringMatching(
          /^notify\.1\.events\.0: must be one of changed, refused, breached, rolled-back, announced \(got "deployed"\)/,
        ),
        expect.stringMatching(
          /^notify\.2\.phases\.0: must be one of .*rollback, watch \(got "watch-me"\)/,
        ),
        expect.stringMatching(/^notify\.3: needs slack_webhook_env or webhook_url_env/),
        expect.stringMatching(/^notify\.4: has both .* make them two entries/),
        expect.stringMatching(/^notify\.5\.url: unknown key/),
      ]),
    );
  });
});
