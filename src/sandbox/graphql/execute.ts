// Runs a validated operation: GitLab's complexity and depth limits first (GitlabSchema: 200
// anonymous, 250 authenticated, 300 for administrators; depth 15 / 20), then each field's
// resolver, with aliases, `__typename`, and a field error setting that field to null with an
// entry in `errors`, as graphql-ruby does.

import type { Field, Operation } from "./parse.js";
import { TYPES } from "./schema.js";
import { FieldError, type GqlContext, parseType } from "./types.js";
import type { GqlError } from "./validate.js";
import { literalValue } from "./variables.js";

const MAX_PAGE = 100;

export function argumentsOf(
  field: Field,
  typeName: string,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const defs = TYPES[typeName]?.fields[field.name]?.args ?? {};
  const args: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(defs)) {
    const given = field.args.find((a) => a.name === name);
    let value = given ? literalValue(given.value, variables) : undefined;
    if (value === undefined && def.default !== undefined) value = def.default;
    if (value === undefined) continue;
    const t = parseType(def.type);
    if (t.list && value !== null && !Array.isArray(value)) value = [value];
    if (t.name === "ID" && typeof value === "number") value = String(value);
    args[name] = value;
  }
  return args;
}

/** GitLab's complexity score of an operation (see types.ts for the rule). */
export function complexityOf(
  fields: Field[],
  typeName: string,
  variables: Record<string, unknown>,
): number {
  let total = 0;
  for (const field of fields) {
    const def = TYPES[typeName]?.fields[field.name];
    if (!def) continue;
    const child = field.selections
      ? complexityOf(field.selections, parseType(def.type).name, variables)
      : 0;
    if (!def.resolver) {
      total += 1 + child;
      continue;
    }
    const args = argumentsOf(field, typeName, variables);
    let score = child + 1 + (def.resolver.extra?.(args) ?? 0);
    if (def.resolver.connection && args.iid === undefined && args.iids === undefined) {
      const limit = Math.min(
        ...[args.first, args.last, MAX_PAGE].filter((n): n is number => typeof n === "number"),
      );
      score += score * limit * 0.01;
    }
    total += Math.floor(score);
  }
  return total;
}

export function depthOf(fields: Field[]): number {
  return Math.max(0, ...fields.map((f) => 1 + (f.selections ? depthOf(f.selections) : 0)));
}

export function limitsFor(ctx: GqlContext): { complexity: number; depth: number } {
  if (!ctx.user) return { complexity: 200, depth: 15 };
  return { complexity: ctx.admin ? 300 : 250, depth: 20 };
}

export function execute(
  op: Operation,
  variables: Record<string, unknown>,
  ctx: GqlContext,
): { data: Record<string, unknown> | null; errors: GqlError[] } {
  const errors: GqlError[] = [];
  const resolveFields = (
    fields: Field[],
    typeName: string,
    parent: unknown,
    path: (string | number)[],
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const key = field.alias ?? field.name;
      if (field.name === "__typename") {
        out[key] = typeName;
        continue;
      }
      const def = TYPES[typeName]!.fields[field.name]!;
      const here = [...path, key];
      let value: unknown;
      try {
        value = def.resolve(parent, argumentsOf(field, typeName, variables), ctx);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        errors.push({
          message: error.message,
          locations: [{ line: field.loc.line, column: field.loc.column }],
          path: here,
        });
        out[key] = null;
        continue;
      }
      const returns = parseType(def.type);
      if (value === null || value === undefined || !field.selections) {
        out[key] = value ?? null;
      } else if (returns.list) {
        out[key] = (value as unknown[]).map((item, i) =>
          resolveFields(field.selections!, returns.name, item, [...here, i]),
        );
      } else {
        out[key] = resolveFields(field.selections, returns.name, value, here);
      }
    }
    return out;
  };
  const data = resolveFields(op.selections, "Query", undefined, []);
  return { data, errors };
}
