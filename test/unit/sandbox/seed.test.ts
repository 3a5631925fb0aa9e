import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSeed, parseSeed, SeedError } from "../../../src/sandbox/seed.js";
import { singleInstanceSeed, standardSeed } from "../../helpers/seeds.js";

function problems(seed: unknown): string[] {
  try {
    parseSeed(seed);
  } catch (error) {
    if (error instanceof SeedError) return error.problems;
    throw error;
  }
  return [];
}

describe("seed validation", () => {
  it("accepts the standard seeds and fills defaults", () => {
    const parsed = parseSeed(standardSeed());
    expect(Object.keys(parsed.instances)).toEqual(["dev", "staging", "production"]);
    expect(parsed.instances.dev?.users[0]?.tokens[0]?.revoked).toBe(false);
    expect(parsed.instances.dev?.admin_mode).toBe(false);
  });

  it("names the path and the bad value", () => {
    const seed = singleInstanceSeed() as unknown as {
      instances: { dev: { users: { tokens: { scopes: unknown }[] }[] } };
    };
    const token = seed.instances.dev.users[0]?.tokens[0];
    if (token) token.scopes = "api";
    expect(problems(seed)).toEqual([
      expect.stringMatching(/^instances\.dev\.users\.0\.tokens\.0\.scopes: .* \(got "api"\)$/),
    ]);
  });

  it("checks references: authors, projects, notes' issues, milestones", () => {
    const seed = {
      instances: {
        dev: {
          users: [{ id: 1, username: "root" }],
          projects: [{ id: 1, path_with_namespace: "g/p" }],
          issues: [{ project: "g/q", iid: 1, title: "t", author: "ghost", milestone: "1.0" }],
          notes: [{ project: "g/p", issue_iid: 9, body: "x", author: "root" }],
        },
      },
    };
    expect(problems(seed)).toEqual([
      'instances.dev.issues.0.project: unknown project "g/q" (got "g/q")',
      'instances.dev.issues.0.author: unknown user "ghost" (got "ghost")',
      'instances.dev.issues.0.milestone: unknown milestone "1.0" in g/q (got "1.0")',
      "instances.dev.notes.0.issue_iid: unknown issue g/p#9 (got 9)",
    ]);
  });

  it("rejects unknown keys, duplicate tokens and bad instance names", () => {
    expect(problems({ instances: { dev: { userz: [] } } })[0]).toMatch(/^instances\.dev: /);
    expect(problems({ instances: { "Not OK": {} } })[0]).toMatch(/use lowercase letters/);
    const dupes = {
      instances: {
        dev: {
          users: [
            { id: 1, username: "a", tokens: [{ name: "t", token: "same-token-value" }] },
            { id: 2, username: "b", tokens: [{ name: "t", token: "same-token-value" }] },
          ],
        },
      },
    };
    expect(
      problems({
        instances: {
          dev: { users: [{ id: 1, username: "a", tokens: [{ name: "t", token: "abc" }] }] },
        },
      }),
    ).toEqual([
      expect.stringMatching(/tokens\.0\.token: use a distinctive token of 8 or more characters/),
    ]);
    expect(problems(dupes)).toEqual([
      expect.stringMatching(/^instances\.dev\.users\.1\.tokens\.0\.token: duplicate token value/),
    ]);
  });
});

describe("loadSeed", () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-seed-"));

  it("loads YAML and JSON files", () => {
    const yaml = join(dir, "seed.yaml");
    writeFileSync(
      yaml,
      'clock: "2026-11-26T10:00:00Z"\ninstances:\n  dev:\n    users:\n      - { id: 1, username: root, admin: true }\n',
    );
    expect(loadSeed(yaml).instances.dev?.users[0]?.admin).toBe(true);
    const json = join(dir, "seed.json");
    writeFileSync(json, JSON.stringify({ instances: { dev: {} } }));
    expect(loadSeed(json).instances.dev?.users).toEqual([]);
  });

  it("reports a missing file and invalid YAML clearly", () => {
    expect(() => loadSeed(join(dir, "nope.yaml"))).toThrow(
      /Cannot read sandbox seed file .*nope\.yaml/,
    );
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "instances: [unclosed");
    expect(() => loadSeed(bad)).toThrow(/is not valid YAML\/JSON/);
    const invalid = join(dir, "invalid.yaml");
    writeFileSync(invalid, "instances:\n  dev:\n    users:\n      - { id: -1, username: root }\n");
    expect(() => loadSeed(invalid)).toThrow(
      /Invalid sandbox seed file .*invalid\.yaml:\n {2}instances\.dev\.users\.0\.id: .*\(got -1\)/,
    );
  });
});
