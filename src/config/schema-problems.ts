// zod's issues restated as our problems: the dotted path, the rule's message and the value that
// broke it (when it is the field's own, and never a secret's).

import type { z } from "zod";
import type { ConfigProblem } from "../errors.js";
import { quoted } from "./secrets.js";

export function schemaProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const where = path ? `${path}.` : "";
    return {
      path: issue.keys.map((k) => `${where}${k}`).join(", "),
      message: `unknown key; remove it or check its spelling (see the README's configuration reference)`,
    };
  }
  // A record's bad key: zod wraps the key's own message ("is not an environment name...").
  const message =
    issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  // The value is shown when it is the field's own (a string or number); a rule over a whole list
  // or section names its values in its message instead.
  const input = "input" in issue ? issue.input : undefined;
  const primitive = input === null || ["string", "number", "boolean"].includes(typeof input);
  // An error about a secret names the key, never the value (secrets.ts).
  const shown = primitive ? quoted(path, input) : "";
  return { path, message: `${message}${shown}` };
}
