// Sets `default_enabled: true` in a flag's YAML definition and changes nothing else: not a
// comment, not the key order, the quoting, the spacing, the line endings or a missing final
// newline. A reviewer must see a one-word diff.
//
// The edit goes through the `yaml` package's Document: the value node is found by key and set,
// and the document is printed with options that keep what they can (no folding, the file's
// sequence indentation, its line endings and final newline restored). toString() re-serialises
// the whole file, though, so it normalises what it does not model (two spaces after a colon,
// `False` written as `true`). When its output differs from the original anywhere but the value,
// the edit falls back to replacing just that scalar's bytes, located through the node's source
// range. Either way the result is parsed again and must equal the original with only
// default_enabled changed.

import { isMap, isScalar, parseDocument } from "yaml";

export type DefinitionEdit =
  | {
      ok: true;
      text: string;
      /** false when default_enabled was already true. */
      changed: boolean;
      /** How the bytes were produced: the Document's toString(), or the scalar's source range. */
      via: "document" | "range" | "unchanged";
    }
  | { ok: false; problem: string };

// Ruby's Psych reads YAML 1.1, where `no` and `off` are booleans too: read as GitLab does.
const PARSE = {
  version: "1.1",
  keepSourceTokens: true,
  uniqueKeys: true,
  prettyErrors: false,
} as const;

export function setDefaultEnabled(text: string): DefinitionEdit {
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length > 0) {
    return { ok: false, problem: `invalid YAML: ${doc.errors[0]?.message.split("\n")[0]}` };
  }
  if (!isMap(doc.contents)) return { ok: false, problem: "the definition is not a YAML mapping" };
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === "default_enabled");
  if (!pair) return { ok: false, problem: "it has no default_enabled key (GitLab requires one)" };
  const node = pair.value;
  if (!isScalar(node) || typeof node.value !== "boolean" || !node.range) {
    return {
      ok: false,
      problem: "its default_enabled is not a plain true or false; fix the definition by hand",
    };
  }
  if (node.value === true) return { ok: true, text, changed: false, via: "unchanged" };

  const [start, end] = node.range;
  const expected = `${text.slice(0, start)}${trueLike(text.slice(start, end))}${text.slice(end)}`;
  node.value = true;
  const printed = restoreLayout(
    doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: indentsSequences(text) }),
    text,
  );
  const result = printed === expected ? printed : expected;
  if (!sameExceptDefault(text, result)) {
    return {
      ok: false,
      problem: "the edit would change more than default_enabled; edit it by hand",
    };
  }
  return {
    ok: true,
    text: result,
    changed: true,
    via: printed === expected ? "document" : "range",
  };
}

/** `false` -> `true`, `False` -> `True`, `FALSE` -> `TRUE`; YAML 1.1's `no`/`off` -> `true`. */
function trueLike(source: string): string {
  if (source === "False") return "True";
  if (source === "FALSE") return "TRUE";
  return "true";
}

/** toString() writes LF and always ends with one newline: give the original's back. */
function restoreLayout(printed: string, original: string): string {
  let out = printed;
  if (!/\n$/.test(original)) out = out.replace(/\n+$/, "");
  if (original.includes("\r\n")) out = out.replace(/\r?\n/g, "\r\n");
  return out;
}

/** Sequences written flush with their key (`key:\n- a`) rather than indented under it. */
function indentsSequences(text: string): boolean {
  return !/^([ \t]*)[^\s#-][^\n]*:[ \t]*\r?\n\1- /m.test(text);
}

/** Both parse to the same data, except default_enabled, which is true in `after`. */
function sameExceptDefault(before: string, after: string): boolean {
  const a = parseDocument(before, PARSE).toJS() as Record<string, unknown>;
  const b = parseDocument(after, PARSE);
  if (b.errors.length > 0) return false;
  const data = b.toJS() as Record<string, unknown>;
  return (
    data.default_enabled === true &&
    JSON.stringify({ ...a, default_enabled: true }) === JSON.stringify(data)
  );
}
