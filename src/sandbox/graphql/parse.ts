// A GraphQL document parser for the sandbox's /api/graphql: operations with variables, fields
// with aliases and arguments, nested selections. Fragments and directives are not part of what
// ff-rollout sends, so they are refused (a test would notice the tool starting to send them).
// Parse errors read as graphql-ruby's: `Parse error on "}" (RCURLY) at [3, 5]`.

import { GraphqlSyntaxError, type Location, type Token, tokenize } from "./lexer.js";

export { GraphqlSyntaxError, type Location } from "./lexer.js";

export type Value =
  | { kind: "variable"; name: string }
  | { kind: "int"; value: number; text: string }
  | { kind: "float"; value: number; text: string }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "enum"; value: string }
  | { kind: "list"; values: Value[] }
  | { kind: "object"; fields: { name: string; value: Value }[] };

export type TypeRef =
  | { kind: "named"; name: string }
  | { kind: "list"; of: TypeRef }
  | { kind: "nonnull"; of: TypeRef };

export interface Argument {
  name: string;
  value: Value;
  loc: Location;
}

export interface Field {
  alias?: string;
  name: string;
  args: Argument[];
  selections?: Field[];
  loc: Location;
}

export interface VariableDefinition {
  name: string;
  type: TypeRef;
  defaultValue?: Value;
  loc: Location;
}

export interface Operation {
  kind: "query" | "mutation" | "subscription";
  name?: string;
  variables: VariableDefinition[];
  selections: Field[];
  loc: Location;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private fail(token: Token | undefined): never {
    if (!token) throw new GraphqlSyntaxError("Unexpected end of document");
    throw new GraphqlSyntaxError(
      `Parse error on "${token.text}" (${token.kind}) at [${token.loc.line}, ${token.loc.column}]`,
      token.loc,
    );
  }

  private take(kind: string, text?: string): Token {
    const token = this.peek();
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text))
      this.fail(token);
    this.at++;
    return token;
  }

  private is(kind: string, text?: string): boolean {
    const token = this.peek();
    return (
      token !== undefined && token.kind === kind && (text === undefined || token.text === text)
    );
  }

  document(): Operation[] {
    const operations: Operation[] = [];
    if (!this.peek()) throw new GraphqlSyntaxError("Unexpected end of document");
    while (this.peek()) operations.push(this.operation());
    return operations;
  }

  private operation(): Operation {
    const first = this.peek()!;
    if (first.kind === "LCURLY") {
      return { kind: "query", variables: [], selections: this.selectionSet(), loc: first.loc };
    }
    if (first.kind === "IDENTIFIER" && first.text === "fragment")
      throw new GraphqlSyntaxError("the sandbox does not serve fragments", first.loc);
    if (first.kind !== "IDENTIFIER" || !["query", "mutation", "subscription"].includes(first.text))
      this.fail(first);
    this.at++;
    const name = this.is("IDENTIFIER") ? this.take("IDENTIFIER").text : undefined;
    const variables: VariableDefinition[] = [];
    if (this.is("LPAREN")) {
      this.take("LPAREN");
      while (!this.is("RPAREN")) {
        const loc = this.take("VAR_SIGN").loc;
        const varName = this.take("IDENTIFIER").text;
        this.take("COLON");
        const type = this.typeRef();
        let defaultValue: Value | undefined;
        if (this.is("EQUALS")) {
          this.take("EQUALS");
          defaultValue = this.value(true);
        }
        variables.push({ name: varName, type, ...(defaultValue ? { defaultValue } : {}), loc });
      }
      this.take("RPAREN");
    }
    if (this.is("DIR_SIGN"))
      throw new GraphqlSyntaxError("the sandbox does not serve directives", this.peek()!.loc);
    return {
      kind: first.text as Operation["kind"],
      ...(name ? { name } : {}),
      variables,
      selections: this.selectionSet(),
      loc: first.loc,
    };
  }

  private typeRef(): TypeRef {
    let type: TypeRef;
    if (this.is("LBRACKET")) {
      this.take("LBRACKET");
      const of = this.typeRef();
      this.take("RBRACKET");
      type = { kind: "list", of };
    } else {
      type = { kind: "named", name: this.take("IDENTIFIER").text };
    }
    if (this.is("BANG")) {
      this.take("BANG");
      type = { kind: "nonnull", of: type };
    }
    return type;
  }

  private selectionSet(): Field[] {
    this.take("LCURLY");
    const fields: Field[] = [];
    while (!this.is("RCURLY")) {
      if (this.is("ELLIPSIS"))
        throw new GraphqlSyntaxError("the sandbox does not serve fragments", this.peek()!.loc);
      fields.push(this.field());
    }
    if (fields.length === 0) this.fail(this.peek());
    this.take("RCURLY");
    return fields;
  }

  private field(): Field {
    const first = this.take("IDENTIFIER");
    let alias: string | undefined;
    let name = first.text;
    if (this.is("COLON")) {
      this.take("COLON");
      alias = name;
      name = this.take("IDENTIFIER").text;
    }
    const args: Argument[] = [];
    if (this.is("LPAREN")) {
      this.take("LPAREN");
      while (!this.is("RPAREN")) {
        const argName = this.take("IDENTIFIER");
        this.take("COLON");
        args.push({ name: argName.text, value: this.value(false), loc: argName.loc });
      }
      this.take("RPAREN");
    }
    if (this.is("DIR_SIGN"))
      throw new GraphqlSyntaxError("the sandbox does not serve directives", this.peek()!.loc);
    const selections = this.is("LCURLY") ? this.selectionSet() : undefined;
    return {
      ...(alias ? { alias } : {}),
      name,
      args,
      ...(selections ? { selections } : {}),
      loc: first.loc,
    };
  }

  private value(constant: boolean): Value {
    const token = this.peek();
    if (!token) this.fail(token);
    switch (token.kind) {
      case "VAR_SIGN": {
        if (constant) this.fail(token);
        this.at++;
        return { kind: "variable", name: this.take("IDENTIFIER").text };
      }
      case "INT":
        this.at++;
        return { kind: "int", value: Number(token.text), text: token.text };
      case "FLOAT":
        this.at++;
        return { kind: "float", value: Number(token.text), text: token.text };
      case "STRING":
        this.at++;
        return { kind: "string", value: token.text };
      case "LBRACKET": {
        this.at++;
        const values: Value[] = [];
        while (!this.is("RBRACKET")) values.push(this.value(constant));
        this.take("RBRACKET");
        return { kind: "list", values };
      }
      case "LCURLY": {
        this.at++;
        const fields: { name: string; value: Value }[] = [];
        while (!this.is("RCURLY")) {
          const name = this.take("IDENTIFIER").text;
          this.take("COLON");
          fields.push({ name, value: this.value(constant) });
        }
        this.take("RCURLY");
        return { kind: "object", fields };
      }
      case "IDENTIFIER":
        this.at++;
        if (token.text === "true" || token.text === "false")
          return { kind: "boolean", value: token.text === "true" };
        if (token.text === "null") return { kind: "null" };
        return { kind: "enum", value: token.text };
      default:
        this.fail(token);
    }
  }
}

/** The operations of a document; throws GraphqlSyntaxError with graphql-ruby's wording. */
export function parseDocument(source: string): Operation[] {
  return new Parser(tokenize(source)).document();
}
