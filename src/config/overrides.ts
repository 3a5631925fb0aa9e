// FF_ROLLOUT_* variables and CLI flags that override keys of the config file. The component
// passes its inputs this way, so values arrive as strings: arrays as JSON (GitLab interpolates an
// array input as JSON) or comma-separated, numbers as text, and an empty string means "not set"
// (an optional input left empty), as does an empty list ([]).

import type { ConfigProblem } from "../errors.js";
import { mayQuote } from "./secrets.js";

type Kind = "string" | "number" | "list" | "numberList" | "boolean";

/** Top-level keys that can be overridden, with the variable that overrides each. */
export const OVERRIDABLE: Record<string, { env: string; kind: Kind }> = {
  flag: { env: "FF_ROLLOUT_FLAG", kind: "string" },
  rollout_issue: { env: "FF_ROLLOUT_ROLLOUT_ISSUE", kind: "string" },
  feature_issue: { env: "FF_ROLLOUT_FEATURE_ISSUE", kind: "string" },
  definition_project: { env: "FF_ROLLOUT_DEFINITION_PROJECT", kind: "string" },
  actor: { env: "FF_ROLLOUT_ACTOR", kind: "string" },
  actors: { env: "FF_ROLLOUT_ACTORS", kind: "list" },
  percentages: { env: "FF_ROLLOUT_PERCENTAGES", kind: "numberList" },
  soak_minutes: { env: "FF_ROLLOUT_SOAK_MINUTES", kind: "number" },
  // Text: "off", "global" or a percentage; the schema reads a number from it (advance-schema.ts).
  auto_advance: { env: "FF_ROLLOUT_AUTO_ADVANCE", kind: "string" },
  finish_by_schedule: { env: "FF_ROLLOUT_FINISH_BY_SCHEDULE", kind: "boolean" },
};

/** Reads the FF_ROLLOUT_* overrides present in `env`; bad values become problems. */
export function overridesFromEnv(
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, { env: name, kind }] of Object.entries(OVERRIDABLE)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    const value = convert(raw, kind);
    // An empty list is an array input left at its default: "use the config file's", like "".
    if (Array.isArray(value) && value.length === 0) continue;
    if (value instanceof Error) {
      const shown = mayQuote(name, raw) ? JSON.stringify(raw) : "the value";
      problems.push({ path: name, message: `${shown} ${value.message}` });
    } else {
      out[key] = value;
    }
  }
  return out;
}

function convert(raw: string, kind: Kind): unknown {
  const text = raw.trim();
  switch (kind) {
    case "string":
      return text;
    case "boolean":
      if (/^(true|1|yes)$/i.test(text)) return true;
      if (/^(false|0|no)$/i.test(text)) return false;
      return new Error("is not a boolean; use true or false");
    case "number": {
      const n = Number(text);
      return Number.isFinite(n) ? n : new Error("is not a number");
    }
    case "list":
      return parseList(text);
    case "numberList": {
      const list = parseList(text);
      if (list instanceof Error) return list;
      const numbers = list.map((item) => (typeof item === "number" ? item : Number(item)));
      return numbers.some((n) => !Number.isFinite(n))
        ? new Error("is not a list of numbers; write e.g. [1, 10, 25] or 1,10,25")
        : numbers;
    }
  }
}

function parseList(text: string): unknown[] | Error {
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // fall through to the error below
    }
    return new Error('is not a JSON list; write e.g. ["a/b", "c/d"] or a,b');
  }
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
