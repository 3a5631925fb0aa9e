// How the sandbox's GraphQL schema subset is declared: object types whose fields have a type,
// arguments and a resolver, enums, and the scalars GitLab's schema uses here. The complexity
// rule follows GitLab's (app/graphql/types/base_field.rb, app/graphql/resolvers/base_resolver.rb):
// a plain field costs 1 plus its selections; a resolver field costs its selections plus 1 (+1 with
// `sort`, +5 with `search`, +2 with `labelName` for issues), and a connection resolver adds 1 %
// of that per item it may return (100 items double it), unless it is asked for iids.

import type { InstanceState, UserRecord } from "../state.js";

export interface GqlContext {
  state: InstanceState;
  user: UserRecord | undefined;
  admin: boolean;
  instanceUrl: string;
}

export interface ArgDef {
  /** "ID!", "String", "[String]", "Int", "IssuableState", ... */
  type: string;
  default?: unknown;
}

export interface FieldDef {
  type: string;
  args?: Record<string, ArgDef>;
  /** Set for fields GitLab resolves with a Resolver class (complexity, see above). */
  resolver?: { connection?: boolean; extra?: (args: Record<string, unknown>) => number };
  // biome-ignore lint/suspicious/noExplicitAny: each resolver knows its parent's record type
  resolve: (parent: any, args: Record<string, unknown>, ctx: GqlContext) => unknown;
}

export interface ObjectDef {
  fields: Record<string, FieldDef>;
}

export const SCALARS = new Set(["ID", "String", "Int", "Boolean", "Time", "NoteID", "UserID"]);

/** Raised while resolving a field: becomes an entry of `errors`, the field null. */
export class FieldError extends Error {}

/** "[String]!" -> { list: true, nonNull: true, name: "String" } (one level of list is enough here). */
export interface ParsedType {
  name: string;
  list: boolean;
  nonNull: boolean;
  itemNonNull: boolean;
}

export function parseType(text: string): ParsedType {
  const nonNull = text.endsWith("!");
  const inner = nonNull ? text.slice(0, -1) : text;
  if (inner.startsWith("[")) {
    const item = inner.slice(1, -1);
    return {
      name: item.replace(/!$/, ""),
      list: true,
      nonNull,
      itemNonNull: item.endsWith("!"),
    };
  }
  return { name: inner, list: false, nonNull, itemNonNull: false };
}

/** GitLab's Time scalar: Types::TimeType#coerce_result is `value.iso8601`, whole seconds. */
export function gqlTime(iso: string): string {
  return iso.replace(/\.\d+Z$/, "Z");
}

export const gid = (model: string, id: number) => `gid://gitlab/${model}/${id}`;
