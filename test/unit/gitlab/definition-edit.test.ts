// Golden tests of the default_enabled edit: each definition in test/fixtures/definitions, edited,
// must equal its .expected.yml byte for byte, and differ from the original only in the value of
// default_enabled. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/unit/gitlab`, then review
// every diff by eye.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { setDefaultEnabled } from "../../../src/gitlab/definition-edit.js";

const DIR = join(import.meta.dirname, "../../fixtures/definitions");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** The part of `after` that differs from `before`, with common prefix and suffix removed. */
function changed(before: string, after: string): { from: string; to: string; at: number } {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  return {
    from: before.slice(start, before.length - end),
    to: after.slice(start, after.length - end),
    at: start,
  };
}

const CASES: { fixture: string; via: string; from: string; to: string }[] = [
  // Plain files round-trip through the Document's toString() as they are.
  { fixture: "plain", via: "document", from: "fals", to: "tru" },
  { fixture: "comments", via: "document", from: "fals", to: "tru" },
  { fixture: "no-final-newline", via: "document", from: "fals", to: "tru" },
  { fixture: "crlf", via: "document", from: "fals", to: "tru" },
  // toString() would requote, refold or respace them: only the scalar's bytes are replaced.
  { fixture: "quoting", via: "range", from: "fals", to: "tru" },
  { fixture: "spacing", via: "range", from: "Fals", to: "Tru" },
];

describe("setting default_enabled: true keeps every other byte", () => {
  for (const { fixture, via, from, to } of CASES) {
    it(fixture, () => {
      const original = readFileSync(join(DIR, `${fixture}.yml`), "utf8");
      const result = setDefaultEnabled(original);
      if (!result.ok) throw new Error(result.problem);
      const golden = join(DIR, `${fixture}.expected.yml`);
      if (UPDATE) writeFileSync(golden, result.text);
      expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(result.text).toBe(readFileSync(golden, "utf8"));
      expect(result).toMatchObject({ changed: true, via });
      // One word changed, at the value of default_enabled, and nothing else.
      const diff = changed(original, result.text);
      expect([diff.from, diff.to]).toEqual([from, to]);
      expect(original.slice(0, diff.at)).toMatch(/default_enabled:[ \t]*[Ff]?$/);
      expect(result.text.length - original.length).toBe(-1);
      const before = parse(original, { version: "1.1" });
      expect(parse(result.text, { version: "1.1" })).toEqual({ ...before, default_enabled: true });
    });
  }

  it("keeps the line endings and the missing final newline", () => {
    const crlf = setDefaultEnabled(readFileSync(join(DIR, "crlf.yml"), "utf8"));
    expect(
      crlf.ok &&
        crlf.text.split("\n").every((l, i, all) => i === all.length - 1 || l.endsWith("\r")),
    ).toBe(true);
    const bare = setDefaultEnabled(readFileSync(join(DIR, "no-final-newline.yml"), "utf8"));
    expect(bare.ok && bare.text.endsWith("default_enabled: true")).toBe(true);
  });

  it("changes nothing when it is already true", () => {
    const original = readFileSync(join(DIR, "already-true.yml"), "utf8");
    expect(setDefaultEnabled(original)).toEqual({
      ok: true,
      text: original,
      changed: false,
      via: "unchanged",
    });
  });

  it("reads YAML as Ruby does: `no` is false, and becomes `true`", () => {
    const result = setDefaultEnabled("name: a\ndefault_enabled: no\n");
    expect(result).toMatchObject({ ok: true, text: "name: a\ndefault_enabled: true\n" });
  });
});

describe("definitions it will not edit", () => {
  const problem = (text: string) => {
    const result = setDefaultEnabled(text);
    return result.ok ? undefined : result.problem;
  };

  it("says why", () => {
    expect(problem("name: a\ntype: beta\n")).toBe(
      "it has no default_enabled key (GitLab requires one)",
    );
    // A quoted 'false' is a string: Ruby would read it as truthy. A person must fix it.
    expect(problem("name: a\ndefault_enabled: 'false'\n")).toBe(
      "its default_enabled is not a plain true or false; fix the definition by hand",
    );
    expect(problem("name: a\ndefault_enabled: false\ndefault_enabled: false\n")).toMatch(
      /^invalid YAML: Map keys must be unique/,
    );
    expect(problem("- a\n- b\n")).toBe("the definition is not a YAML mapping");
    expect(problem("name: [a\n")).toMatch(/^invalid YAML: /);
  });
});
