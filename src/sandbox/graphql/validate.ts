// Static validation of an operation against the schema subset, with graphql-ruby's messages and
// error codes (lib/graphql/static_validation/rules/*): unknown fields and arguments, missing
// required arguments, selections on scalars or none on objects, literals of the wrong type,
// undeclared, unused or mistyped variables. Then the variables' values are coerced. Every
// problem found is reported, as GitLab reports them before running anything.

import type { Argument, Field, Location, Operation, TypeRef, Value } from "./parse.js";
import { ENUMS, TYPES } from "./schema.js";
import { type ArgDef, parseType, SCALARS } from "./types.js";

export interface GqlError {
  message: string;
  locations?: Location[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

const loc = (l: Location) => [{ line: l.line, column: l.column }];

function typeText(t: TypeRef): string {
  if (t.kind === "named") return t.name;
  if (t.kind === "list") return `[${typeText(t.of)}]`;
  return `${typeText(t.of)}!`;
}

const known = (name: string) => SCALARS.has(name) || ENUMS[name] !== undefined;

/** Whether a literal fits an argument type; undefined when it does, else why not. */
function literalFits(value: Value, type: string): boolean {
  const t = parseType(type);
  if (value.kind === "null") return !t.nonNull;
  if (value.kind === "variable") return true; // checked against the declaration
  if (t.list) {
    const items = value.kind === "list" ? value.values : [value];
    return items.every((item) => literalFits(item, t.itemNonNull ? `${t.name}!` : t.name));
  }
  switch (t.name) {
    case "ID":
      return value.kind === "string" || value.kind === "int";
    case "String":
    case "Time":
      return value.kind === "string";
    case "Int":
      return value.kind === "int" && Math.abs(value.value) < 2 ** 31;
    case "Boolean":
      return value.kind === "boolean";
    default:
      return value.kind === "enum" && (ENUMS[t.name]?.includes(value.value) ?? false);
  }
}

function literalText(value: Value): string {
  switch (value.kind) {
    case "string":
      return JSON.stringify(value.value);
    case "int":
    case "float":
      return value.text;
    case "enum":
      return value.value;
    case "boolean":
      return String(value.value);
    case "null":
      return "null";
    case "list":
      return `[${value.values.map(literalText).join(", ")}]`;
    case "variable":
      return `$${value.name}`;
    default:
      return "{...}";
  }
}

/** A variable of type `declared` (with a default or not) may be used where `wanted` is expected. */
function variableFits(declared: TypeRef, hasDefault: boolean, wanted: string): boolean {
  const w = parseType(wanted);
  let d = declared;
  const nonNull = d.kind === "nonnull" || hasDefault;
  if (d.kind === "nonnull") d = d.of;
  if (w.nonNull && !nonNull) return false;
  if (w.list !== (d.kind === "list")) return false;
  if (d.kind === "list") {
    let item = d.of;
    if (w.itemNonNull && item.kind !== "nonnull") return false;
    if (item.kind === "nonnull") item = item.of;
    return item.kind === "named" && item.name === w.name;
  }
  return d.kind === "named" && d.name === w.name;
}

export function validate(op: Operation): GqlError[] {
  const errors: GqlError[] = [];
  const opName = op.name ? `${op.kind} ${op.name}` : op.kind;
  const used = new Set<string>();
  const declared = new Map(op.variables.map((v) => [v.name, v]));
  for (const v of op.variables) {
    let base = v.type;
    while (base.kind !== "named") base = base.of;
    if (!known(base.name)) {
      errors.push({
        message: `${base.name} isn't a defined input type (on $${v.name})`,
        locations: loc(v.loc),
        path: [opName],
        extensions: {
          code: "variableRequiresValidType",
          typeName: base.name,
          variableName: v.name,
        },
      });
    }
  }
  const opLabel = op.name ? `operation "${op.name}"` : "anonymous query";

  const visitArgs = (field: Field, defs: Record<string, ArgDef>, path: string[]) => {
    const given = new Set<string>();
    for (const arg of field.args) {
      given.add(arg.name);
      const def = defs[arg.name];
      if (!def) {
        errors.push({
          message: `Field '${field.name}' doesn't accept argument '${arg.name}'`,
          locations: loc(arg.loc),
          path: [...path, arg.name],
          extensions: {
            code: "argumentNotAccepted",
            name: field.name,
            typeName: "Field",
            argumentName: arg.name,
          },
        });
        continue;
      }
      visitValue(arg, def, field, path);
    }
    const missing = Object.entries(defs)
      .filter(
        ([name, def]) => def.type.endsWith("!") && def.default === undefined && !given.has(name),
      )
      .map(([name]) => name);
    if (missing.length > 0) {
      errors.push({
        message: `Field '${field.name}' is missing required arguments: ${missing.join(", ")}`,
        locations: loc(field.loc),
        path,
        extensions: {
          code: "missingRequiredArguments",
          className: "Field",
          name: field.name,
          arguments: missing.join(", "),
        },
      });
    }
  };

  const visitValue = (arg: Argument, def: ArgDef, field: Field, path: string[]) => {
    const variables: string[] = [];
    const collect = (v: Value) => {
      if (v.kind === "variable") variables.push(v.name);
      if (v.kind === "list") v.values.forEach(collect);
    };
    collect(arg.value);
    for (const name of variables) {
      used.add(name);
      const decl = declared.get(name);
      if (!decl) {
        errors.push({
          message: `Variable $${name} is used by ${opLabel} but not declared`,
          locations: loc(arg.loc),
          path: [...path, arg.name],
          extensions: { code: "variableNotDefined", variableName: name },
        });
      } else if (
        arg.value.kind === "variable" &&
        !variableFits(decl.type, decl.defaultValue !== undefined, def.type)
      ) {
        errors.push({
          message: `Type mismatch on variable $${name} and argument ${arg.name} (${typeText(decl.type)} / ${def.type})`,
          locations: loc(arg.loc),
          path: [...path, arg.name],
          extensions: {
            code: "variableMismatch",
            variableName: name,
            typeName: typeText(decl.type),
            argumentName: arg.name,
            errorMessage: "Type mismatch",
          },
        });
      }
    }
    if (!literalFits(arg.value, def.type)) {
      errors.push({
        message: `Argument '${arg.name}' on Field '${field.name}' has an invalid value (${literalText(arg.value)}). Expected type '${def.type}'.`,
        locations: loc(arg.loc),
        path: [...path, arg.name],
        extensions: {
          code: "argumentLiteralsIncompatible",
          typeName: "Field",
          argumentName: arg.name,
        },
      });
    }
  };

  const visit = (fields: Field[], typeName: string, path: string[]) => {
    const type = TYPES[typeName];
    if (!type) return;
    for (const field of fields) {
      const here = [...path, field.alias ?? field.name];
      if (field.name === "__typename") continue;
      const def = type.fields[field.name];
      if (!def) {
        errors.push({
          message: `Field '${field.name}' doesn't exist on type '${typeName}'`,
          locations: loc(field.loc),
          path: here,
          extensions: { code: "undefinedField", typeName, fieldName: field.name },
        });
        continue;
      }
      visitArgs(field, def.args ?? {}, here);
      const returns = parseType(def.type).name;
      const scalar = known(returns);
      if (scalar && field.selections) {
        errors.push({
          message: `Selections can't be made on ${ENUMS[returns] ? "enums" : "scalars"} (field '${field.name}' returns ${returns} but has selections [${field.selections.map((s) => s.name).join(", ")}])`,
          locations: loc(field.loc),
          path: here,
          extensions: {
            code: "selectionMismatch",
            nodeName: `field '${field.name}'`,
            typeName: returns,
          },
        });
      } else if (!scalar && !field.selections) {
        errors.push({
          message: `Field must have selections (field '${field.name}' returns ${returns} but has no selections. Did you mean '${field.name} { ... }'?)`,
          locations: loc(field.loc),
          path: here,
          extensions: {
            code: "selectionMismatch",
            nodeName: `field '${field.name}'`,
            typeName: returns,
          },
        });
      } else if (field.selections) {
        visit(field.selections, returns, here);
      }
    }
  };

  visit(op.selections, op.kind === "query" ? "Query" : "Mutation", [opName]);
  if (op.kind !== "query") {
    errors.push({
      message: `Schema is not configured for ${op.kind}s in the sandbox`,
      locations: loc(op.loc),
    });
  }
  for (const v of op.variables) {
    if (!used.has(v.name)) {
      errors.push({
        message: `Variable $${v.name} is declared by ${op.name ?? "anonymous query"} but not used`,
        locations: loc(v.loc),
        path: [opName],
        extensions: { code: "variableNotUsed", variableName: v.name },
      });
    }
  }
  return errors;
}
