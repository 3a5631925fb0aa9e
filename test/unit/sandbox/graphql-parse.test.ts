// The sandbox's GraphQL parser and complexity score: what readiness sends parses to the fields,
// arguments and variables it means; graphql-ruby's parse errors; GitLab's complexity rule.

import { describe, expect, it } from "vitest";
import { complexityOf } from "../../../src/sandbox/graphql/execute.js";
import { GraphqlSyntaxError, parseDocument } from "../../../src/sandbox/graphql/parse.js";

describe("parseDocument", () => {
  it("reads an operation's variables, aliases, arguments and nested selections", () => {
    const [op] = parseDocument(`# a comment
      query page($fullPath: ID!, $label: [String] = ["feature flag"], $after: String) {
        mine: project(fullPath: $fullPath) {
          issues(state: opened, labelName: $label, first: 100, after: $after) { nodes { iid } }
        }
      }`);
    expect(op!.name).toBe("page");
    expect(op!.variables.map((v) => [v.name, v.type])).toEqual([
      ["fullPath", { kind: "nonnull", of: { kind: "named", name: "ID" } }],
      ["label", { kind: "list", of: { kind: "named", name: "String" } }],
      ["after", { kind: "named", name: "String" }],
    ]);
    const project = op!.selections[0]!;
    expect(project).toMatchObject({ alias: "mine", name: "project" });
    const issues = project.selections![0]!;
    expect(issues.args.map((a) => [a.name, a.value])).toEqual([
      ["state", { kind: "enum", value: "opened" }],
      ["labelName", { kind: "variable", name: "label" }],
      ["first", { kind: "int", value: 100, text: "100" }],
      ["after", { kind: "variable", name: "after" }],
    ]);
  });

  it("decodes string escapes", () => {
    const [op] = parseDocument('{ project(fullPath: "a\\"b\\u00e9\\n") { id } }');
    expect(op!.selections[0]!.args[0]!.value).toEqual({ kind: "string", value: 'a"bé\n' });
  });

  it("fails as graphql-ruby does, with the position", () => {
    expect(() => parseDocument("{ project(fullPath: 1) { id } ")).toThrow(
      new GraphqlSyntaxError("Unexpected end of document"),
    );
    expect(() => parseDocument("query { project(fullPath: 1) } }")).toThrow(
      'Parse error on "}" (RCURLY) at [1, 32]',
    );
    expect(() => parseDocument("{ project { ...parts } }")).toThrow("fragments");
  });
});

describe("complexityOf (GitLab's rule)", () => {
  it("costs 1 per plain field and doubles a connection resolver asked for 100 items", () => {
    const [plain] = parseDocument("{ currentUser { username } }");
    expect(complexityOf(plain!.selections, "Query", {})).toBe(2);
    // project: resolver, 1 + child; issues: (child + 1 + 1 for the default sort) x (1 + 100 %).
    const [page] = parseDocument(
      '{ project(fullPath: "a/b") { issues(first: 100) { nodes { iid title } } } }',
    );
    expect(complexityOf(page!.selections, "Query", {})).toBe(1 + (3 + 1 + 1) * 2);
    const [ten] = parseDocument(
      '{ project(fullPath: "a/b") { issues(first: 10) { nodes { iid title } } } }',
    );
    expect(complexityOf(ten!.selections, "Query", {})).toBe(1 + Math.floor(5 * 1.1));
  });
});
