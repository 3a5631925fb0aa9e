// Turns the config file, FF_ROLLOUT_* variables and CLI flags into one validated Config, or a
// ConfigError listing every problem found (path, value, fix). Parsed once, at the edge: nothing
// else in the program reads the file or the environment.

import { resolve } from "node:path";
import { ConfigError, type ConfigProblem } from "../errors.js";
import { readConfigFile } from "./config-file.js";
import { findUpwards } from "./find.js";
import { overridesFromEnv } from "./overrides.js";
import { actorWithoutActors, perFlagKeys } from "./per-flag.js";
import { resolveConfig } from "./resolve.js";
import { configSchema } from "./schema.js";
import { schemaProblem } from "./schema-problems.js";
import { Secrets } from "./secrets.js";
import { readTokens } from "./tokens.js";
import type { Config } from "./types.js";

export const DEFAULT_CONFIG_PATH = ".gitlab/ff-rollout.yml";

export interface LoadOptions {
  /** --config; else FF_ROLLOUT_CONFIG; else DEFAULT_CONFIG_PATH, here or in a folder above. */
  path?: string;
  /** Overrides from CLI flags, by config key (they win over the environment). */
  cli?: Record<string, unknown>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** `readiness --all` finds its flags in rollout issues; every other command needs one. */
  flagOptional?: boolean;
}

export interface Loaded {
  config: Config;
  /** Token per environment name, plus "issues". Kept apart from Config so no report can carry it. */
  tokens: Map<string, string>;
  /** Every secret read (the tokens among them): wiring registers them all with the redactor. */
  secrets: Secrets;
}

export function loadConfig(options: LoadOptions): Loaded {
  const problems: ConfigProblem[] = [];
  const named = options.path ?? nonEmpty(options.env.FF_ROLLOUT_CONFIG);
  // A named file is where it is said to be; the default one is looked for upwards.
  const found = named === undefined ? findUpwards(options.cwd, DEFAULT_CONFIG_PATH) : undefined;
  const chosen = named ?? found?.shown ?? DEFAULT_CONFIG_PATH;
  const path = found?.path ?? resolve(options.cwd, chosen);
  const fromFile = readConfigFile(path, chosen, named === undefined);
  const overrides = { ...overridesFromEnv(options.env, problems), ...options.cli };
  const flag = overrides.flag ?? fromFile.flag;
  const fromFlag = { ...fromFile, ...perFlagKeys(fromFile, flag) };
  problems.push(...actorWithoutActors(fromFlag.actor, overrides, flag));
  const merged = { ...fromFlag, ...overrides };

  const result = configSchema.safeParse(merged, { reportInput: true });
  if (!result.success) problems.push(...result.error.issues.map(schemaProblem));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);

  if (!options.flagOptional) {
    if (result.data.flag === undefined) {
      problems.push({
        path: "flag",
        message: "is required: the feature flag's name, e.g. my_new_feature",
      });
    }
    if (result.data.rollout_issue === undefined) {
      problems.push({
        path: "rollout_issue",
        message:
          "is required: the rollout issue, as its URL or as group/project#42 on the issues instance",
      });
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }
  const config = resolveConfig(result.data, path, problems);
  const secrets = new Secrets();
  const tokens = readTokens(config, options.env, problems, secrets);
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, tokens, secrets };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value.trim() : undefined;
}
