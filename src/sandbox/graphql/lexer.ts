// The GraphQL lexer of the sandbox's parser (parse.ts): punctuators, names, numbers, strings
// (with escapes, and block strings), comments; commas are insignificant, as the spec says.

export interface Location {
  line: number;
  column: number;
}

export class GraphqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly loc?: Location,
  ) {
    super(message);
  }
}

export interface Token {
  kind: string;
  text: string;
  loc: Location;
}

const PUNCTUATION: Record<string, string> = {
  "{": "LCURLY",
  "}": "RCURLY",
  "(": "LPAREN",
  ")": "RPAREN",
  "[": "LBRACKET",
  "]": "RBRACKET",
  ":": "COLON",
  "!": "BANG",
  $: "VAR_SIGN",
  "=": "EQUALS",
  "@": "DIR_SIGN",
  "|": "PIPE",
  "&": "AMP",
};

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const here = (at: number): Location => ({ line, column: at - lineStart + 1 });
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "," || c === "\uFEFF") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    const loc = here(i);
    if (source.startsWith("...", i)) {
      tokens.push({ kind: "ELLIPSIS", text: "...", loc });
      i += 3;
      continue;
    }
    if (PUNCTUATION[c]) {
      tokens.push({ kind: PUNCTUATION[c]!, text: c, loc });
      i++;
      continue;
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i, i + 256));
    if (name) {
      tokens.push({ kind: "IDENTIFIER", text: name[0], loc });
      i += name[0].length;
      continue;
    }
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 64));
    if (number) {
      const float = number[2] !== undefined || number[3] !== undefined;
      tokens.push({ kind: float ? "FLOAT" : "INT", text: number[0], loc });
      i += number[0].length;
      continue;
    }
    if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        if (end < 0) throw new GraphqlSyntaxError("Unterminated string", loc);
        const text = source.slice(i + 3, end);
        tokens.push({ kind: "STRING", text, loc });
        for (const ch of text) if (ch === "\n") line++;
        i = end + 3;
        continue;
      }
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= source.length || source[j] === "\n")
          throw new GraphqlSyntaxError("Unterminated string", loc);
        const ch = source[j]!;
        if (ch === '"') break;
        if (ch === "\\") {
          const next = source[j + 1];
          const simple: Record<string, string> = {
            '"': '"',
            "\\": "\\",
            "/": "/",
            b: "\b",
            f: "\f",
            n: "\n",
            r: "\r",
            t: "\t",
          };
          if (next !== undefined && simple[next] !== undefined) {
            value += simple[next];
            j += 2;
            continue;
          }
          if (next === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(j + 2, j + 6))) {
            value += String.fromCharCode(Number.parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          throw new GraphqlSyntaxError("Bad unicode escape", here(j));
        }
        value += ch;
        j++;
      }
      tokens.push({ kind: "STRING", text: value, loc });
      i = j + 1;
      continue;
    }
    throw new GraphqlSyntaxError(
      `Parse error on "${c}" (error) at [${loc.line}, ${loc.column}]`,
      loc,
    );
  }
  return tokens;
}
