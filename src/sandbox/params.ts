// Grape-style parameter declaration and validation. GitLab's endpoints declare their params
// with Grape, and Grape's messages are what clients see on a 400: "value is missing",
// "key, project are mutually exclusive", "state_event does not have a valid value"...
// Errors are collected in declaration order and joined with ", ", as Grape's
// ValidationErrors#message does, and answered as `{"error": "..."}` (lib/api/api.rb).

import { grapeError, type Params } from "./http.js";

export type ParamType =
  | "string"
  | "integer"
  | "boolean"
  | "string_list"
  | "integer_list"
  | "datetime";

export interface ParamSpec {
  name: string;
  type: ParamType;
  required?: boolean;
  /** Allowed values (after coercion). */
  values?: readonly (string | number)[];
  /** Disallowed values (Grape's except_values). */
  exceptValues?: readonly (string | number)[];
  /** allow_blank: false. */
  notBlank?: boolean;
  default?: unknown;
}

export interface ParamRules {
  params: ParamSpec[];
  mutuallyExclusive?: string[][];
  atLeastOneOf?: string[];
}

const TRUE_WORDS = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_WORDS = new Set(["0", "off", "f", "false", "n", "no"]);

function coerceScalarString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function coerceInteger(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value))
    return Number.parseInt(value, 10);
  return undefined;
}

function coerceBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  const text = coerceScalarString(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

/** GitLab's CommaSeparatedToArray: "a,b" or ["a", "b"]. */
function coerceList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    const items = value.map(coerceScalarString);
    return items.every((item) => item !== undefined) ? (items as string[]) : undefined;
  }
  const text = coerceScalarString(value);
  if (text === undefined) return undefined;
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function coerce(type: ParamType, value: unknown): unknown {
  switch (type) {
    case "string":
      return coerceScalarString(value);
    case "integer":
      return coerceInteger(value);
    case "boolean":
      return coerceBoolean(value);
    case "string_list":
      return coerceList(value);
    case "datetime": {
      // Grape's DateTime coercion: anything DateTime.parse reads, as an ISO 8601 instant.
      const text = coerceScalarString(value);
      const ms = text === undefined || text.trim() === "" ? Number.NaN : Date.parse(text);
      return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
    }
    case "integer_list": {
      const list = coerceList(value);
      if (list === undefined) return undefined;
      const numbers = list.map(coerceInteger);
      return numbers.every((n) => n !== undefined) ? numbers : undefined;
    }
  }
}

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * Returns the declared params only (absent optional params stay absent, defaults filled in),
 * coerced to their types; throws a Grape 400 listing every problem.
 */
export function declareParams(input: Params, rules: ParamRules): Params {
  const out: Params = {};
  const errors: string[] = [];
  const present = (name: string) => input[name] !== undefined && input[name] !== null;

  for (const spec of rules.params) {
    if (!present(spec.name)) {
      if (spec.required) errors.push(`${spec.name} is missing`);
      else if (spec.default !== undefined) out[spec.name] = spec.default;
      continue;
    }
    const raw = input[spec.name];
    if (spec.notBlank && isBlank(raw)) {
      errors.push(`${spec.name} is empty`);
      continue;
    }
    const value = coerce(spec.type, raw);
    if (value === undefined) {
      errors.push(`${spec.name} is invalid`);
      continue;
    }
    if (spec.values && !spec.values.includes(value as string | number)) {
      errors.push(`${spec.name} does not have a valid value`);
      continue;
    }
    if (spec.exceptValues?.includes(value as string | number)) {
      errors.push(`${spec.name} has a value not allowed`);
      continue;
    }
    out[spec.name] = value;
  }

  for (const group of rules.mutuallyExclusive ?? []) {
    const given = group.filter(present);
    if (given.length > 1) errors.push(`${given.join(", ")} are mutually exclusive`);
  }
  if (rules.atLeastOneOf && !rules.atLeastOneOf.some(present)) {
    errors.push(
      `${rules.atLeastOneOf.join(", ")} are missing, at least one parameter must be provided`,
    );
  }

  // ValidationErrors#full_messages drops repeated messages.
  const unique = [...new Set(errors)];
  if (unique.length > 0) throw grapeError(400, unique.join(", "));
  return out;
}
