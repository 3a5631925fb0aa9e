// The config file as plain keys: read, parsed as YAML (line and column for a syntax error),
// checked to be a mapping, aliases expanded within a bound. What the keys mean is schema.ts's.

import { readFileSync } from "node:fs";
import { isMap, LineCounter, parseDocument } from "yaml";
import { ConfigError } from "../errors.js";

const MAX_ALIASES = 50;

/**
 * The file's keys; `shown` is the path as the person gave or would recognise it, `searched` says
 * it was looked for upwards (for the message when it is not found).
 */
export function readConfigFile(
  path: string,
  shown: string,
  searched: boolean,
): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        path: shown,
        message:
          code === "ENOENT"
            ? `config file not found${searched ? " here or in a folder above, up to the repository's root" : ""}; create it (see the README's configuration section) or pass --config PATH`
            : `cannot read the config file (${code ?? "unknown error"})`,
      },
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          path: `${shown}:${pos.line}:${pos.col}`,
          message: `invalid YAML: ${e.message.split("\n")[0]}`,
        };
      }),
    );
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    throw new ConfigError([
      { path: shown, message: "must be a YAML mapping of keys (flag:, environments:, ...)" },
    ]);
  }
  try {
    // An alias expands to a copy of what it names; aliases of aliases multiply ("billion laughs").
    // A config needs a handful at most.
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new ConfigError([
        {
          path: shown,
          message: `uses YAML aliases (*name) that expand too much (more than ${MAX_ALIASES} copies); write the values out, or use fewer nested aliases`,
        },
      ]);
    }
    throw error;
  }
}
