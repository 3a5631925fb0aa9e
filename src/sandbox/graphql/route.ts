// POST (or GET) /api/graphql, as GitLab's GraphqlController serves it: a token is optional
// (anonymous queries see public data), but a token that is sent and does not work (unknown,
// expired, revoked, or without api/read_api scope) is 401 {"errors":[{"message":"Invalid
// token"}]} (authorize_access_api!, RequestAuthenticator#find_user_for_graphql_api_request). A
// query above 10,000 characters is 422 "Query too large"; everything else answers 200, its
// problems in `errors` (parse and validation errors, limits, field errors).

import { tokenActive } from "../auth.js";
import type { SandboxResponse } from "../http.js";
import type { InstanceState } from "../state.js";
import { complexityOf, depthOf, execute, limitsFor } from "./execute.js";
import { GraphqlSyntaxError, type Operation, parseDocument } from "./parse.js";
import type { GqlContext } from "./types.js";
import { type GqlError, validate } from "./validate.js";
import { coerceVariables } from "./variables.js";

const MAX_QUERY_SIZE = 10_000;

export interface GraphqlRequest {
  state: InstanceState;
  method: string;
  /** Query string and JSON body merged. */
  input: Record<string, unknown>;
  token: string | undefined;
  instanceUrl: string;
}

const errorsOnly = (status: number, errors: GqlError[]): SandboxResponse => ({
  status,
  body: { errors },
});

function authenticate(request: GraphqlRequest): GqlContext | undefined {
  const { state, token } = request;
  const base = { state, instanceUrl: request.instanceUrl };
  if (token === undefined) return { ...base, user: undefined, admin: false };
  const record = state.tokenByValue(token);
  if (!record || !tokenActive(record, state.clock.now())) return undefined;
  if (!record.scopes.some((s) => s === "api" || s === "read_api")) return undefined;
  const user = state.userById(record.userId);
  if (user?.state !== "active") return undefined;
  record.lastUsedAt = state.clock.now().toISOString();
  const admin = user.admin && (!state.adminMode || record.scopes.includes("admin_mode"));
  return { ...base, user, admin };
}

/** The operation to run, or the error graphql-ruby gives for the document. */
function pickOperation(query: string, name: unknown): Operation | GqlError {
  let operations: Operation[];
  try {
    operations = parseDocument(query);
  } catch (error) {
    if (!(error instanceof GraphqlSyntaxError)) throw error;
    return {
      message: error.message,
      ...(error.loc ? { locations: [{ line: error.loc.line, column: error.loc.column }] } : {}),
    };
  }
  if (typeof name === "string" && name !== "") {
    return operations.find((op) => op.name === name) ?? { message: `No operation named "${name}"` };
  }
  if (operations.length > 1) return { message: "An operation name is required" };
  return operations[0]!;
}

/** Gitlab::Graphql::Variables: an object, a JSON string of one, or nothing. */
function variablesOf(raw: unknown): { values: Record<string, unknown> } | { error: GqlError } {
  if (raw === undefined || raw === null || raw === "") return { values: {} };
  if (typeof raw === "string") {
    try {
      return variablesOf(JSON.parse(raw));
    } catch {
      return { error: { message: `Unexpected end of input` } };
    }
  }
  if (typeof raw === "object" && !Array.isArray(raw))
    return { values: raw as Record<string, unknown> };
  return { error: { message: `Unexpected parameter: ${JSON.stringify(raw)}` } };
}

export function handleGraphql(request: GraphqlRequest): SandboxResponse {
  const ctx = authenticate(request);
  if (!ctx) return errorsOnly(401, [{ message: "Invalid token" }]);
  if (Array.isArray(request.input._json)) {
    return errorsOnly(422, [{ message: "the sandbox does not serve multiplexed queries" }]);
  }
  const query = typeof request.input.query === "string" ? request.input.query : "";
  if (query.length > MAX_QUERY_SIZE) return errorsOnly(422, [{ message: "Query too large" }]);
  if (query.trim() === "") return errorsOnly(200, [{ message: "No query string was present" }]);
  const picked = pickOperation(query, request.input.operationName);
  if ("message" in picked) return errorsOnly(200, [picked]);
  const op = picked;
  if (op.kind === "mutation" && (request.method === "GET" || request.method === "HEAD")) {
    return errorsOnly(422, [{ message: `Mutations are forbidden in ${request.method} requests` }]);
  }
  const invalid = validate(op);
  if (invalid.length > 0) return errorsOnly(200, invalid);
  const given = variablesOf(request.input.variables);
  if ("error" in given) return errorsOnly(422, [given.error]);
  const { values, errors } = coerceVariables(op, given.values);
  if (errors.length > 0) return errorsOnly(200, errors);
  const limits = limitsFor(ctx);
  const complexity = complexityOf(op.selections, "Query", values);
  if (complexity > limits.complexity) {
    return errorsOnly(200, [
      {
        message: `Query has complexity of ${complexity}, which exceeds max complexity of ${limits.complexity}`,
      },
    ]);
  }
  const depth = depthOf(op.selections);
  if (depth > limits.depth) {
    return errorsOnly(200, [
      { message: `Query has depth of ${depth}, which exceeds max depth of ${limits.depth}` },
    ]);
  }
  const result = execute(op, values, ctx);
  return {
    status: 200,
    body:
      result.errors.length > 0
        ? { errors: result.errors, data: result.data }
        : { data: result.data },
  };
}
