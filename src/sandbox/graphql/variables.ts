// The variables of a request: their JSON values checked against the types the operation
// declares ("Variable $fullPath of type ID! was provided invalid value", with the problem in
// extensions, as graphql-ruby reports it), and literal values turned into JSON.

import type { Operation, TypeRef, Value } from "./parse.js";
import { ENUMS } from "./schema.js";
import type { GqlError } from "./validate.js";

const loc = (l: { line: number; column: number }) => [{ line: l.line, column: l.column }];

function typeText(t: TypeRef): string {
  if (t.kind === "named") return t.name;
  if (t.kind === "list") return `[${typeText(t.of)}]`;
  return `${typeText(t.of)}!`;
}

/** The variables' values as the operation declares them, or the errors GitLab gives. */
export function coerceVariables(
  op: Operation,
  given: Record<string, unknown>,
): { values: Record<string, unknown>; errors: GqlError[] } {
  const values: Record<string, unknown> = {};
  const errors: GqlError[] = [];
  for (const v of op.variables) {
    const raw = given[v.name] ?? (v.defaultValue ? literalValue(v.defaultValue) : undefined);
    const problem = jsonFits(raw, v.type);
    if (problem) {
      errors.push({
        message: `Variable $${v.name} of type ${typeText(v.type)} was provided invalid value`,
        locations: loc(v.loc),
        extensions: { value: raw ?? null, problems: [{ path: [], explanation: problem }] },
      });
    } else if (raw !== undefined) {
      values[v.name] = raw;
    }
  }
  return { values, errors };
}

function jsonFits(value: unknown, type: TypeRef): string | undefined {
  if (type.kind === "nonnull") {
    if (value === null || value === undefined) return "Expected value to not be null";
    return jsonFits(value, type.of);
  }
  if (value === null || value === undefined) return undefined;
  if (type.kind === "list") {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const problem = jsonFits(item, type.of);
      if (problem) return problem;
    }
    return undefined;
  }
  const ok = (() => {
    switch (type.name) {
      case "ID":
        return typeof value === "string" || Number.isInteger(value);
      case "String":
      case "Time":
        return typeof value === "string";
      case "Int":
        return Number.isInteger(value);
      case "Boolean":
        return typeof value === "boolean";
      default:
        return typeof value === "string" && (ENUMS[type.name]?.includes(value) ?? false);
    }
  })();
  return ok ? undefined : `Could not coerce value ${JSON.stringify(value)} to ${type.name}`;
}

/** A constant literal's JSON value (defaults, and arguments written inline). */
export function literalValue(value: Value, variables: Record<string, unknown> = {}): unknown {
  switch (value.kind) {
    case "variable":
      return variables[value.name];
    case "int":
    case "float":
      return value.value;
    case "string":
      return value.value;
    case "boolean":
      return value.value;
    case "null":
      return null;
    case "enum":
      return value.value;
    case "list":
      return value.values.map((v) => literalValue(v, variables));
    default:
      return Object.fromEntries(
        value.fields.map((f) => [f.name, literalValue(f.value, variables)]),
      );
  }
}
