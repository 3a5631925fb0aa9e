// The auto_advance key: off by default, global or a configured percentage, from the file or the
// component's FF_ROLLOUT_AUTO_ADVANCE; every bad value named with its path, the value and a fix.
// Also finish_by_schedule, the other key of the scheduled advance.

import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadConfig } from "../../../src/config/load.js";
import { ConfigError } from "../../../src/errors.js";
import { BASE_ENV, baseConfig, writeConfig } from "../../helpers/config-files.js";

const HEALTH = {
  prometheus: { url: "https://prometheus.example.com" },
  checks: [{ name: "5xx ratio", query: "sum(rate(errors[5m]))", max: 0.01 }],
};

function load(extra: Record<string, unknown> | string, env: Record<string, string> = {}) {
  const config = typeof extra === "string" ? extra : { ...baseConfig(), health: HEALTH, ...extra };
  const { dir, path } = writeConfig(config);
  return loadConfig({ path, env: { ...BASE_ENV, ...env }, cwd: dir }).config;
}

function problems(extra: Record<string, unknown>, env: Record<string, string> = {}) {
  try {
    load(extra, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected a ConfigError");
}

describe("auto_advance config", () => {
  it("is off unless set", () => {
    expect(load({}).autoAdvance).toBe("off");
    expect(load({ health: undefined }).autoAdvance).toBe("off");
  });

  it("takes off, global, a configured percentage, and YAML's false for off", () => {
    expect(load({ auto_advance: "global" }).autoAdvance).toBe("global");
    expect(load({ auto_advance: 25 }).autoAdvance).toBe(25);
    expect(load({ auto_advance: false }).autoAdvance).toBe("off");
    // Written by hand: `off` unquoted is the text "off" in YAML 1.2.
    const text = `${stringify({ ...baseConfig(), health: HEALTH })}auto_advance: off\n`;
    expect(load(text).autoAdvance).toBe("off");
  });

  it("reads the component's variable, text for numbers too, over the file", () => {
    expect(load({ auto_advance: "global" }, { FF_ROLLOUT_AUTO_ADVANCE: "10" }).autoAdvance).toBe(
      10,
    );
    expect(load({}, { FF_ROLLOUT_AUTO_ADVANCE: "global" }).autoAdvance).toBe("global");
    // An input left empty keeps the file's value.
    expect(load({ auto_advance: 50 }, { FF_ROLLOUT_AUTO_ADVANCE: "" }).autoAdvance).toBe(50);
  });

  it("refuses a percentage that is not a configured step, naming the steps", () => {
    expect(problems({ auto_advance: 30 })).toEqual([
      "auto_advance: is not one of the configured percentages (1, 10, 25, 50, 75); stop at one of them, or use global or off (got 30)",
    ]);
    expect(problems({ auto_advance: "30", percentages: [10, 50] })).toEqual([
      "auto_advance: is not one of the configured percentages (10, 50); stop at one of them, or use global or off (got 30)",
    ]);
  });

  it("refuses anything else with the three forms it takes", () => {
    for (const bad of ["on", "yes", true, "25%", "", [25]]) {
      const found = problems({ auto_advance: bad });
      expect(found[0], String(bad)).toMatch(
        /^auto_advance: must be off, global, or the percentage to stop at \(one of percentages:\), e.g. 25/,
      );
    }
    expect(problems({ auto_advance: "on" })).toEqual([
      'auto_advance: must be off, global, or the percentage to stop at (one of percentages:), e.g. 25 (got "on")',
    ]);
  });

  it("needs health checks, since a window can only be green by them", () => {
    expect(problems({ health: undefined, auto_advance: "global" })).toEqual([
      'auto_advance: needs health checks to judge the soak by: add health: (a Prometheus-compatible API and its checks; see the README), or set auto_advance: off (got "global")',
    ]);
  });
});

describe("finish_by_schedule config", () => {
  it("is false unless set, and needs neither auto_advance nor health", () => {
    expect(load({}).finishBySchedule).toBe(false);
    const alone = load({ health: undefined, finish_by_schedule: true });
    expect(alone.finishBySchedule).toBe(true);
    expect(alone.autoAdvance).toBe("off");
  });

  it("reads the component's variable over the file; an empty input keeps the file's", () => {
    expect(load({}, { FF_ROLLOUT_FINISH_BY_SCHEDULE: "true" }).finishBySchedule).toBe(true);
    expect(
      load({ finish_by_schedule: true }, { FF_ROLLOUT_FINISH_BY_SCHEDULE: "false" })
        .finishBySchedule,
    ).toBe(false);
    expect(
      load({ finish_by_schedule: true }, { FF_ROLLOUT_FINISH_BY_SCHEDULE: "" }).finishBySchedule,
    ).toBe(true);
  });

  it("names the key, the value and the fix for anything but a boolean", () => {
    expect(problems({ finish_by_schedule: "sometimes" })).toEqual([
      'finish_by_schedule: must be true or false: true lets the scheduled advance job finish a release or cleanup a person started (default false) (got "sometimes")',
    ]);
    expect(problems({}, { FF_ROLLOUT_FINISH_BY_SCHEDULE: "sometimes" })).toEqual([
      'FF_ROLLOUT_FINISH_BY_SCHEDULE: "sometimes" is not a boolean; use true or false',
    ]);
  });
});
